/**
 * Rate limits per caller and project, with RateLimit headers, configured through the platform's
 * configuration (the console's Configuration page) and shared by replicas through Redis.
 */
import { callerAs, testServices } from '@tessera/api/testing';
import { createApiToken } from '@tessera/auth';
import { beforeAll, describe, expect, it } from 'vitest';

import { RuntimeLimits } from './http/rate-limits';
import { useShopRuntime } from './test/shop-runtime';

/** Redis when the machine has one (CI does), so the shared path is the one tested. */
const redisUrl = process.env.REDIS_URL;

const get = (token?: string) =>
  fetch(`${shop.base}/api/v1/shop/tag`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

const shop = useShopRuntime({
  limits: new RuntimeLimits(
    redisUrl ? { kind: 'redis', url: redisUrl } : { kind: 'memory' },
    `tessera:test:${crypto.randomUUID()}`,
  ),
});
beforeAll(async () => {
  const { caller: admin } = await callerAs(testServices(shop.t.db), ['admin']);
  const reloaded = new Promise((r) => shop.cache.once('reload', r));
  await admin.config.set({ key: `runtime.rateLimit.shop.perMinute`, type: 'number', value: 5 });
  await reloaded;
}, 60_000);

describe('rate limits', () => {
  it('counts each caller apart and refuses the sixth request with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await get(shop.viewerToken);
      statuses.push(last.status);
      if (i === 0) {
        expect(last.headers.get('ratelimit-limit')).toBe('5');
        expect(last.headers.get('ratelimit-remaining')).toBe('4');
        expect(last.headers.get('ratelimit-policy')).toBe('5;w=60');
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await last!.json()).toMatchObject({ status: 429 });
    // Another caller has a budget of its own, and so has each API token of the same user.
    expect((await get(shop.adminToken)).status).toBe(200);
    const viewer = await shop.t.db.user.findUniqueOrThrow({ where: { email: 'v@example.com' } });
    const { token } = await createApiToken(shop.t.db, {
      userId: viewer.id,
      name: 'own budget',
      scopes: ['data:read'],
      expiresAt: null,
    });
    expect((await get(token)).status).toBe(200);
  });

  it('limits anonymous callers by address before answering 401', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await get()).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('refuses settings the runtime does not know, and nonsense values', async () => {
    const { caller: admin } = await callerAs(testServices(shop.t.db), ['admin']);
    await expect(
      admin.config.set({ key: 'runtime.rateLimit.perHour', type: 'number', value: 5 }),
    ).rejects.toThrow('not a runtime setting');
    await expect(
      admin.config.set({ key: 'runtime.rateLimit.perMinute', type: 'number', value: 0 }),
    ).rejects.toThrow('whole number');
  });
});
