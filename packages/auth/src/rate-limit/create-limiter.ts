/** Builds a sliding-window limiter on Upstash, a standard Redis, or process memory. */
import { Ratelimit } from '@upstash/ratelimit';
import { Redis as UpstashRedis } from '@upstash/redis';
import type { Redis as IORedis } from 'ioredis';

import { AppError } from '@tessera/errors';

import { createMemoryLimiter } from './memory-limiter';
import { createIORedis, toRatelimitRedis } from './redis-adapter';
import type { RateLimiter, RateLimitStore } from './types';

export interface LimiterOptions {
  store: RateLimitStore;
  prefix: string;
  limit: number;
  windowSeconds: number;
  /** A standard Redis client to share, instead of opening one per limiter. */
  redisClient?: IORedis;
}

export function createLimiter({
  store,
  prefix,
  limit,
  windowSeconds,
  redisClient,
}: LimiterOptions): RateLimiter {
  if (store.kind === 'memory')
    return createMemoryLimiter({ limit, windowMs: windowSeconds * 1000 });
  const redis =
    store.kind === 'upstash'
      ? new UpstashRedis({ url: store.url, token: store.token })
      : toRatelimitRedis(redisClient ?? createIORedis(store.url));
  const ratelimit = new Ratelimit({
    redis: redis as never,
    limiter: Ratelimit.slidingWindow(limit, `${windowSeconds} s`),
    prefix,
    analytics: false,
    ephemeralCache: false,
    // The library's timeout lets requests through when the store is slow; we fail closed instead.
    timeout: 0,
  });
  const unavailable = (cause: unknown) =>
    new AppError('SERVICE_UNAVAILABLE', 'The rate limiter is unavailable; try again shortly', {
      cause,
      retryAfter: 2,
    });
  return {
    backend: store.kind,
    async limit(key) {
      try {
        const r = await ratelimit.limit(key);
        return { success: r.success, limit: r.limit, remaining: r.remaining, reset: r.reset };
      } catch (cause) {
        throw unavailable(cause);
      }
    },
    async reset(key) {
      try {
        await ratelimit.resetUsedTokens(key);
      } catch (cause) {
        throw unavailable(cause);
      }
    },
  };
}
