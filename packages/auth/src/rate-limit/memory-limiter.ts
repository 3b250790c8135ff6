/** In-process sliding-log limiter, for a single process with no Redis (the embedded default). */
import type { RateLimiter, RateLimitResult } from './types';

export function createMemoryLimiter(options: {
  limit: number;
  windowMs: number;
  now?: () => number;
}): RateLimiter {
  const now = options.now ?? Date.now;
  const hits = new Map<string, number[]>();
  return {
    backend: 'memory',
    async limit(key): Promise<RateLimitResult> {
      const t = now();
      const recent = (hits.get(key) ?? []).filter((at) => at > t - options.windowMs);
      const success = recent.length < options.limit;
      if (success) recent.push(t);
      hits.set(key, recent);
      const reset = (recent[0] ?? t) + options.windowMs;
      return {
        success,
        limit: options.limit,
        remaining: Math.max(0, options.limit - recent.length),
        reset,
      };
    },
    async reset(key) {
      hits.delete(key);
    },
  };
}
