/** Runs against a standard Redis when REDIS_URL is set. */
import { randomUUID } from 'node:crypto';
import net from 'node:net';

import { afterAll, describe, expect, it } from 'vitest';

import { createLimiter } from './create-limiter';
import { createLoginThrottle, type LoginThrottleOptions } from './login-throttle';
import { createIORedis } from './redis-adapter';

const redisUrl = process.env.REDIS_URL;

describe.runIf(redisUrl)('rate limiting on a standard Redis', () => {
  const client = createIORedis(redisUrl!);
  afterAll(() => client.quit());
  /** A login throttle on this Redis, with counters of its own. */
  const sharedThrottle = (budgets: Pick<LoginThrottleOptions, 'perEmail' | 'perAccount'>) =>
    createLoginThrottle({
      store: { kind: 'redis', url: redisUrl! },
      redisClient: client,
      prefix: `t:${randomUUID()}`,
      ...budgets,
    });

  it('gives sliding-window results (5 of 7 allowed at a limit of 5)', async () => {
    // Across a window's edge the sliding approximation weighs the last window down and lets
    // one more through: the exact count holds inside one window, so start clear of an edge.
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 58_000) await new Promise((r) => setTimeout(r, 60_000 - intoWindow + 50));
    const limiter = createLimiter({
      store: { kind: 'redis', url: redisUrl! },
      redisClient: client,
      prefix: `t:${randomUUID()}`,
      limit: 5,
      windowSeconds: 60,
    });
    const results = [];
    for (let i = 0; i < 7; i++) results.push((await limiter.limit('k')).success);
    expect(results.filter(Boolean)).toHaveLength(5);
    expect(results.slice(5)).toEqual([false, false]);
  });

  it('counts every case of an email across addresses against the account, shared in Redis', async () => {
    const throttle = sharedThrottle({ perAccount: { limit: 2, windowSeconds: 60 } });
    await throttle.check({ ip: '1.1.1.1', email: 'Bob@Example.com' });
    await throttle.check({ ip: '1.1.1.2', email: 'bob@example.com' });
    await expect(throttle.check({ ip: '1.1.1.3', email: 'BOB@EXAMPLE.COM' })).rejects.toMatchObject(
      { code: 'RATE_LIMITED' },
    );
    // The owner's browser, trusted from an earlier sign-in, keeps a budget of its own.
    await expect(
      throttle.check({ ip: '1.1.1.4', email: 'bob@example.com', device: 'dev1' }),
    ).resolves.toBeUndefined();
  });

  it('clears the budget of the place a login succeeded from', async () => {
    const throttle = sharedThrottle({ perEmail: { limit: 2, windowSeconds: 60 } });
    const attempt = { ip: '2.2.2.2', email: 'eve@example.com' };
    await throttle.check(attempt);
    await throttle.check(attempt);
    await throttle.succeeded(attempt);
    await expect(throttle.check(attempt)).resolves.toBeUndefined();
  });
});

describe('rate limiting with Redis down', () => {
  it('fails closed with SERVICE_UNAVAILABLE', async () => {
    const port = await closedPort();
    const url = `redis://127.0.0.1:${port}`;
    const throttle = createLoginThrottle({ store: { kind: 'redis', url } });
    await expect(throttle.check({ ip: '1.1.1.1', email: 'a@b.io' })).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
  });
});

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
