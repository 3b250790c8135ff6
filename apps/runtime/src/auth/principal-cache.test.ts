import type { Principal } from '@tessera/auth';
import { describe, expect, it } from 'vitest';

import { PrincipalCache } from './principal-cache';

const principal = (expires?: number): Principal => ({
  user: { id: 'u1', email: 'u@example.com', name: 'U' },
  permissions: new Set(['data:read']),
  roles: ['viewer'],
  via: 'session',
  sessionExpiresAt: expires === undefined ? undefined : new Date(expires),
});

function setup(found: Principal | null) {
  let now = 1_000;
  let lookups = 0;
  const cache = new PrincipalCache(
    async () => {
      lookups++;
      return found;
    },
    30_000,
    () => now,
  );
  return { cache, lookups: () => lookups, advance: (ms: number) => (now += ms) };
}

describe('PrincipalCache', () => {
  it('looks a token up once per time-to-live', async () => {
    const s = setup(principal());
    await s.cache.get('a');
    await s.cache.get('a');
    expect(s.lookups()).toBe(1);
    s.advance(30_001);
    await s.cache.get('a');
    expect(s.lookups()).toBe(2);
  });

  it('forgets everything when cleared, and never keeps a failed lookup', async () => {
    const s = setup(principal());
    await s.cache.get('a');
    s.cache.clear();
    await s.cache.get('a');
    expect(s.lookups()).toBe(2);
    const none = setup(null);
    await none.cache.get('bad');
    await none.cache.get('bad');
    expect(none.lookups()).toBe(2);
  });

  it('does not keep a principal past its session', async () => {
    const s = setup(principal(1_000 + 5_000));
    await s.cache.get('a');
    s.advance(5_001);
    await s.cache.get('a');
    expect(s.lookups()).toBe(2);
  });
});
