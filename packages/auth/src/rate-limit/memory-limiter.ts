/**
 * In-process sliding-window limiter, for a single process with no Redis (the embedded default).
 * The same approximation as the Redis one: the previous fixed window's count, weighted by how
 * much of it still overlaps the sliding window, plus the current window's count. Constant time
 * and memory per key, however many requests a window holds.
 */
import type { RateLimiter, RateLimitResult } from './types';

interface Counter {
  window: number;
  current: number;
  previous: number;
}

const PRUNE_AT = 100_000;

export function createMemoryLimiter(options: {
  limit: number;
  windowMs: number;
  now?: () => number;
}): RateLimiter {
  const now = options.now ?? Date.now;
  const counters = new Map<string, Counter>();
  const prune = (window: number) => {
    for (const [key, c] of counters) if (c.window < window - 1) counters.delete(key);
  };
  return {
    backend: 'memory',
    async limit(key): Promise<RateLimitResult> {
      const t = now();
      const window = Math.floor(t / options.windowMs);
      let c = counters.get(key);
      if (!c) {
        if (counters.size >= PRUNE_AT) prune(window);
        counters.set(key, (c = { window, current: 0, previous: 0 }));
      } else if (c.window !== window) {
        c.previous = c.window === window - 1 ? c.current : 0;
        c.current = 0;
        c.window = window;
      }
      const overlap = 1 - (t % options.windowMs) / options.windowMs;
      const used = Math.floor(c.previous * overlap) + c.current;
      const success = used < options.limit;
      if (success) c.current++;
      return {
        success,
        limit: options.limit,
        remaining: Math.max(0, options.limit - used - (success ? 1 : 0)),
        reset: (window + 1) * options.windowMs,
      };
    },
    async reset(key) {
      counters.delete(key);
    },
  };
}
