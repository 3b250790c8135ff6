/**
 * Login throttling: one budget per client IP and one per normalised email, so neither many
 * accounts from one address nor one account from many addresses can be guessed at speed.
 */
import { AppError } from '@tessera/errors';
import type { Redis as IORedis } from 'ioredis';

import { normaliseEmail } from '../email';
import { createLimiter } from './create-limiter';
import type { RateLimiter, RateLimitStore } from './types';

export interface LoginThrottleOptions {
  store: RateLimitStore;
  redisClient?: IORedis;
  perEmail?: { limit: number; windowSeconds: number };
  perIp?: { limit: number; windowSeconds: number };
  prefix?: string;
}

export interface LoginThrottle {
  readonly backend: RateLimiter['backend'];
  /** Counts an attempt; throws RATE_LIMITED (429) or SERVICE_UNAVAILABLE (503). */
  check(input: { ip: string; email: string }): Promise<void>;
  /** Clears the email's budget after a successful login. */
  succeeded(email: string): Promise<void>;
}

export function createLoginThrottle(options: LoginThrottleOptions): LoginThrottle {
  const prefix = options.prefix ?? 'tessera:login';
  const perEmail = options.perEmail ?? { limit: 5, windowSeconds: 15 * 60 };
  const perIp = options.perIp ?? { limit: 30, windowSeconds: 15 * 60 };
  const byEmail = createLimiter({
    store: options.store,
    redisClient: options.redisClient,
    prefix: `${prefix}:email`,
    ...perEmail,
  });
  const byIp = createLimiter({
    store: options.store,
    redisClient: options.redisClient,
    prefix: `${prefix}:ip`,
    ...perIp,
  });
  return {
    backend: byEmail.backend,
    async check({ ip, email }) {
      const [ipResult, emailResult] = await Promise.all([
        byIp.limit(ip),
        byEmail.limit(normaliseEmail(email)),
      ]);
      const blocked = [ipResult, emailResult].filter((r) => !r.success);
      if (blocked.length > 0) {
        const reset = Math.max(...blocked.map((r) => r.reset));
        const retryAfter = Math.max(1, Math.ceil((reset - Date.now()) / 1000));
        throw new AppError(
          'RATE_LIMITED',
          `Too many login attempts; try again in ${retryAfter} s`,
          { retryAfter },
        );
      }
    },
    async succeeded(email) {
      await byEmail.reset(normaliseEmail(email));
    },
  };
}
