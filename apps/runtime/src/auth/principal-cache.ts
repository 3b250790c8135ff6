/**
 * Remembers who a token belongs to for a short while, so a request costs its one data
 * statement and no authentication queries. Any change announced on `tessera_auth` (ended
 * sessions, revoked tokens, disabled users, changed roles) empties the cache at once; so does a
 * lost LISTEN connection, since announcements may have been missed. Entries never outlive their
 * session. Only successful lookups are kept: a bad token is checked every time.
 */
import { createHash } from 'node:crypto';

import { AUTH_CHANNEL, type Principal } from '@tessera/auth';
import type { Listener } from '@tessera/runtime-core';

const MAX_ENTRIES = 10_000;

export class PrincipalCache {
  #entries = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly lookup: (token: string) => Promise<Principal | null>,
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts forgetting on announcements. */
  async attach(listener: Listener): Promise<void> {
    listener.on('notification', (channel) => {
      if (channel === AUTH_CHANNEL) this.clear();
    });
    listener.on('reconnected', () => this.clear());
    await listener.listen(AUTH_CHANNEL);
  }

  async get(token: string): Promise<Principal | null> {
    const key = createHash('sha256').update(token).digest('base64url');
    const hit = this.#entries.get(key);
    if (hit && hit.until > this.now()) return hit.principal;
    this.#entries.delete(key);
    const principal = await this.lookup(token);
    if (principal) {
      if (this.#entries.size >= MAX_ENTRIES)
        this.#entries.delete(this.#entries.keys().next().value!);
      const expires = principal.sessionExpiresAt?.getTime() ?? Infinity;
      this.#entries.set(key, { principal, until: Math.min(this.now() + this.ttlMs, expires) });
    }
    return principal;
  }

  clear() {
    this.#entries.clear();
  }
}
