/**
 * The database pool, shared fairly: each caller (API token, user, or anonymous address) may
 * hold at most `perCaller` connections at once, whatever it runs (reads, writes, exports,
 * imports, change deliveries). A caller past its share waits in a queue of its own, never in
 * front of others, and is refused with 429 when no slot of its own frees within `waitMs`. So
 * one caller holding many slow requests leaves the rest of the pool to everyone else.
 */
import { AppError } from '@tessera/errors';
import type pg from 'pg';

/** The share of the pool one caller may hold, unless configured (RUNTIME_DB_CALLER_SHARE). */
export const DEFAULT_CALLER_SHARE = 0.25;

/** The pool as one caller's requests use it: the same interface, within the caller's share. */
export type CallerPool = Pick<pg.Pool, 'query' | 'connect'>;

interface Slots {
  held: number;
  waiting: (() => void)[];
}

export class PoolShare {
  #callers = new Map<string, Slots>();

  constructor(
    private readonly pool: pg.Pool,
    /** Connections one caller may hold at once. */
    readonly perCaller: number,
    /** How long a caller past its share waits for one of its own slots. */
    private readonly waitMs: number,
  ) {}

  /** How many of a pool of `size` one caller may hold: `share` of it, at least one. */
  static slotsFor(size: number, share: number): number {
    return Math.max(1, Math.floor(size * share));
  }

  /** Connections `key` holds now (for tests and metrics). */
  held(key: string): number {
    return this.#callers.get(key)?.held ?? 0;
  }

  /** The pool for `key`'s requests. */
  for(key: string): CallerPool {
    const query = (async (...args: Parameters<pg.Pool['query']>) => {
      const release = await this.#acquire(key);
      try {
        return await (this.pool.query as (...a: unknown[]) => Promise<unknown>)(...args);
      } finally {
        release();
      }
    }) as unknown as pg.Pool['query'];
    const connect = (async () => {
      const release = await this.#acquire(key);
      let client: pg.PoolClient;
      try {
        client = await this.pool.connect();
      } catch (error) {
        release();
        throw error;
      }
      // pg-pool gives every checkout a release of its own, so this one ends with it.
      const giveBack = client.release.bind(client);
      client.release = (error?: Error | boolean) => {
        release();
        giveBack(error);
      };
      return client;
    }) as unknown as pg.Pool['connect'];
    return { query, connect };
  }

  async #acquire(key: string): Promise<() => void> {
    let slots = this.#callers.get(key);
    if (!slots) this.#callers.set(key, (slots = { held: 0, waiting: [] }));
    // A slot freed while others wait passes straight to the next of them.
    if (slots.held >= this.perCaller) await this.#wait(slots);
    else slots.held++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = slots.waiting.shift();
      if (next) return next();
      if (--slots.held === 0) this.#callers.delete(key);
    };
  }

  #wait(slots: Slots): Promise<void> {
    return new Promise((resolve, reject) => {
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        slots.waiting.splice(slots.waiting.indexOf(wake), 1);
        reject(
          new AppError(
            'RATE_LIMITED',
            `You already have ${slots.held} requests using the database; retry when one has finished`,
            { retryAfter: 1 },
          ),
        );
      }, this.waitMs);
      slots.waiting.push(wake);
    });
  }
}
