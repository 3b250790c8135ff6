/**
 * One LISTEN connection for the runtime's notification channels. If it drops, it reconnects
 * with backoff, listens again and says so (`reconnected`), since notifications sent meanwhile
 * are lost and listeners may need to catch up.
 */
import { EventEmitter } from 'node:events';

import pg from 'pg';

export class Listener extends EventEmitter<{
  notification: [channel: string, payload: string];
  reconnected: [];
}> {
  #client: pg.Client | null = null;
  #channels = new Set<string>();
  #stopped = true;
  #retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    super();
  }

  async start(channels: string[]): Promise<void> {
    this.#stopped = false;
    for (const c of channels) this.#channels.add(c);
    await this.#connect(0);
  }

  /** Adds a channel, on the live connection and on every reconnection. */
  async listen(channel: string): Promise<void> {
    if (this.#channels.has(channel)) return;
    this.#channels.add(channel);
    await this.#client?.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#retry) clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => undefined);
  }

  async #connect(attempt: number): Promise<boolean> {
    if (this.#stopped) return false;
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      application_name: 'tessera-runtime-listen',
    });
    client.on('notification', (n) => this.emit('notification', n.channel, n.payload ?? ''));
    client.on('error', (error) => {
      this.onError(error);
      this.#reconnect(client, 0);
    });
    try {
      await client.connect();
      for (const channel of this.#channels)
        await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      // Stopped while connecting: this connection would outlive the listener.
      if (this.#stopped) {
        await client.end().catch(() => undefined);
        return false;
      }
      this.#client = client;
      return true;
    } catch (error) {
      this.onError(error);
      this.#reconnect(client, attempt + 1);
      return false;
    }
  }

  #reconnect(client: pg.Client, attempt: number) {
    if (this.#stopped || (this.#client && this.#client !== client)) return;
    this.#client = null;
    void client.end().catch(() => undefined);
    const delay = Math.min(5_000, 100 * 2 ** attempt);
    this.#retry = setTimeout(() => {
      void this.#connect(attempt).then((ok) => {
        if (ok) this.emit('reconnected');
      });
    }, delay);
  }
}
