/**
 * Login throttling, so that neither many accounts from one address nor one account from many
 * addresses can be guessed at speed, and yet nobody can lock an owner out:
 *
 * - per client address (30 in 15 minutes), whatever the account;
 * - per account and address (5): guesses from one place block only that place;
 * - per account across all addresses (50): slows guessing spread over many addresses;
 * - per account and trusted device (5) instead of the two above, for a browser the account's
 *   user signed in with before: guesses made elsewhere, however many, leave it alone.
 */
import { AppError } from '@tessera/errors';
import type { Redis as IORedis } from 'ioredis';

import { normaliseEmail } from '../email';
import { createLimiter } from './create-limiter';
import type { RateLimiter, RateLimitStore } from './types';

type Budget = { limit: number; windowSeconds: number };

export interface LoginThrottleOptions {
  store: RateLimitStore;
  redisClient?: IORedis;
  /** Per account and address, or per account and trusted device. */
  perEmail?: Budget;
  /** Per account, across every address without a trusted device. */
  perAccount?: Budget;
  perIp?: Budget;
  prefix?: string;
}

export interface LoginAttempt {
  ip: string;
  email: string;
  /** A trusted device of the account the attempt is for (see trustedDeviceOf). */
  device?: string | null;
}

export interface LoginThrottle {
  readonly backend: RateLimiter['backend'];
  /** Counts an attempt; throws RATE_LIMITED (429) or SERVICE_UNAVAILABLE (503). */
  check(attempt: LoginAttempt): Promise<void>;
  /**
   * Clears the budget of the place a login succeeded from (its address or device); the
   * account's budget across addresses runs its course.
   */
  succeeded(attempt: LoginAttempt): Promise<void>;
}

export function createLoginThrottle(options: LoginThrottleOptions): LoginThrottle {
  const prefix = options.prefix ?? 'tessera:login';
  const limiter = (name: string, budget: Budget) =>
    createLimiter({
      store: options.store,
      redisClient: options.redisClient,
      prefix: `${prefix}:${name}`,
      ...budget,
    });
  const fifteenMinutes = 15 * 60;
  const byPlace = limiter('email', options.perEmail ?? { limit: 5, windowSeconds: fifteenMinutes });
  const byAccount = limiter(
    'account',
    options.perAccount ?? { limit: 50, windowSeconds: fifteenMinutes },
  );
  const byIp = limiter('ip', options.perIp ?? { limit: 30, windowSeconds: fifteenMinutes });
  /** Where an attempt comes from, for the account: its trusted device, else its address. */
  const place = ({ email, ip, device }: LoginAttempt) =>
    device ? `${normaliseEmail(email)}:device:${device}` : `${normaliseEmail(email)}:ip:${ip}`;
  return {
    backend: byPlace.backend,
    async check(attempt) {
      const results = await Promise.all([
        byIp.limit(attempt.ip),
        byPlace.limit(place(attempt)),
        ...(attempt.device ? [] : [byAccount.limit(normaliseEmail(attempt.email))]),
      ]);
      const blocked = results.filter((r) => !r.success);
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
    async succeeded(attempt) {
      await byPlace.reset(place(attempt));
    },
  };
}
