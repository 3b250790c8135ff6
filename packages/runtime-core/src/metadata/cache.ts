/**
 * Keeps the schema overview current. It LISTENs for the publish notification on a connection
 * of its own, reloads, and swaps the overview atomically; several notifications in a burst
 * cause one reload. If the listening connection drops, it reconnects with backoff and reloads,
 * since notifications sent meanwhile are lost.
 */
import { EventEmitter } from 'node:events';

import pg from 'pg';

import { EMPTY_OVERVIEW, loadOverview, type SchemaOverview } from './overview';

export const METADATA_CHANNEL = 'tessera_metadata';

export interface MetadataCacheOptions {
  /** For loading the overview. */
  pool: Pick<pg.Pool, 'query'>;
  /** For the LISTEN connection. */
  databaseUrl: string;
  onError?: (error: unknown) => void;
}

export class MetadataCache extends EventEmitter<{ reload: [SchemaOverview] }> {
  #overview: SchemaOverview = EMPTY_OVERVIEW;
  #listener: pg.Client | null = null;
  #stopped = false;
  #reloading: Promise<void> | null = null;
  #pending = false;
  #retry: NodeJS.Timeout | null = null;

  constructor(private readonly options: MetadataCacheOptions) {
    super();
  }

  /** The overview requests should use; capture it once per request. */
  current(): SchemaOverview {
    return this.#overview;
  }

  async start(): Promise<void> {
    this.#stopped = false;
    await this.#listen();
    await this.reload();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#retry) clearTimeout(this.#retry);
    const listener = this.#listener;
    this.#listener = null;
    await listener?.end().catch(() => undefined);
    await this.#reloading;
  }

  /** Reloads now; calls during a reload coalesce into one more. */
  reload(): Promise<void> {
    if (this.#reloading) {
      this.#pending = true;
      return this.#reloading;
    }
    this.#reloading = (async () => {
      do {
        this.#pending = false;
        try {
          this.#overview = await loadOverview(this.options.pool);
          this.emit('reload', this.#overview);
        } catch (error) {
          this.options.onError?.(error);
        }
      } while (this.#pending && !this.#stopped);
    })().finally(() => {
      this.#reloading = null;
    });
    return this.#reloading;
  }

  async #listen(attempt = 0): Promise<void> {
    if (this.#stopped) return;
    const client = new pg.Client({
      connectionString: this.options.databaseUrl,
      application_name: 'tessera-runtime-listen',
    });
    client.on('notification', () => void this.reload());
    client.on('error', (error) => {
      this.options.onError?.(error);
      this.#reconnect(client, 0);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${METADATA_CHANNEL}`);
      this.#listener = client;
    } catch (error) {
      this.options.onError?.(error);
      this.#reconnect(client, attempt + 1);
    }
  }

  #reconnect(client: pg.Client, attempt: number) {
    if (this.#stopped || (this.#listener && this.#listener !== client)) return;
    this.#listener = null;
    void client.end().catch(() => undefined);
    const delay = Math.min(5_000, 100 * 2 ** attempt);
    this.#retry = setTimeout(() => {
      void this.#listen(attempt).then(() => this.reload());
    }, delay);
  }
}
