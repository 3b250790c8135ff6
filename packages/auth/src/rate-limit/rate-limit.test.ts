import { describe, expect, it } from 'vitest';

import { createLoginThrottle } from './login-throttle';
import { createMemoryLimiter } from './memory-limiter';
import { stripShebang } from './redis-adapter';

describe('memory limiter', () => {
  it('allows `limit` hits per sliding window', async () => {
    let now = 0;
    const limiter = createMemoryLimiter({ limit: 2, windowMs: 1000, now: () => now });
    expect((await limiter.limit('k')).success).toBe(true);
    expect((await limiter.limit('k')).success).toBe(true);
    expect((await limiter.limit('k')).success).toBe(false);
    now = 1001;
    expect((await limiter.limit('k')).success).toBe(true);
  });
});

describe('login throttle (in-process)', () => {
  it('is not reset by changing the email’s case', async () => {
    const throttle = createLoginThrottle({
      store: { kind: 'memory' },
      perAccount: { limit: 3, windowSeconds: 60 },
      perIp: { limit: 100, windowSeconds: 60 },
    });
    const variants = ['Ada@Example.com', 'ada@example.com', ' ADA@EXAMPLE.COM '];
    for (const [i, email] of variants.entries()) await throttle.check({ ip: `10.0.0.${i}`, email });
    await expect(
      throttle.check({ ip: '10.0.0.9', email: 'aDa@example.COM' }),
    ).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('lets guesses from one address block that address only, not the owner elsewhere', async () => {
    const throttle = createLoginThrottle({ store: { kind: 'memory' } });
    const attacker = { ip: '203.0.113.9', email: 'owner@example.com' };
    for (let i = 0; i < 5; i++) await throttle.check(attacker);
    await expect(throttle.check(attacker)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(
      throttle.check({ ip: '198.51.100.7', email: 'owner@example.com' }),
    ).resolves.toBeUndefined();
  });

  it('keeps a trusted device of the owner apart from guesses spread over many addresses', async () => {
    const throttle = createLoginThrottle({ store: { kind: 'memory' } });
    const email = 'owner@example.com';
    for (let i = 0; i < 50; i++) await throttle.check({ ip: `203.0.113.${i}`, email });
    // The account's budget across addresses is spent: a new address is refused…
    await expect(throttle.check({ ip: '198.51.100.7', email })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    // …but the browser its owner signed in with before is not.
    await expect(
      throttle.check({ ip: '198.51.100.7', email, device: 'owner-laptop' }),
    ).resolves.toBeUndefined();
  });

  it('limits one IP across many emails', async () => {
    const throttle = createLoginThrottle({
      store: { kind: 'memory' },
      perIp: { limit: 2, windowSeconds: 60 },
    });
    await throttle.check({ ip: '1.1.1.1', email: 'a@x.io' });
    await throttle.check({ ip: '1.1.1.1', email: 'b@x.io' });
    await expect(throttle.check({ ip: '1.1.1.1', email: 'c@x.io' })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
  });
});

describe('stripShebang', () => {
  it('drops only the Upstash flag line', () => {
    expect(stripShebang('#!lua flags=allow-key-locking\nreturn 1')).toBe('return 1');
    expect(stripShebang('return 1')).toBe('return 1');
  });
});
