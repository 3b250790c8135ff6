/**
 * Keeps the schema overview current. It LISTENs for the publish notification on a connection
 * of its own, reloads, and swaps the overview atomically; several notifications in a burst
 * cause one reload. If the listening connection drops, it reconnects with backoff and reloads,
 * since notifications sent meanwhile are lost.
 */
import { EventEmitter } from 'node:events';

import type pg from 'pg';

import { Listener } from './listener';
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
  #stopped = false;
  #reloading: Promise<void> | null = null;
  #pending = false;
  /** The runtime's LISTEN connection; other features may listen on it too. */
  readonly listener: Listener;

  constructor(private readonly options: MetadataCacheOptions) {
    super();
    this.listener = new Listener(options.databaseUrl, options.onError);
    this.listener.on('notification', (channel) => {
      if (channel === METADATA_CHANNEL) void this.reload();
    });
    this.listener.on('reconnected', () => void this.reload());
  }

  /** The overview requests should use; capture it once per request. */
  current(): SchemaOverview {
    return this.#overview;
  }

  async start(): Promise<void> {
    this.#stopped = false;
    await this.listener.start([METADATA_CHANNEL]);
    await this.reload();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.listener.stop();
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
}
