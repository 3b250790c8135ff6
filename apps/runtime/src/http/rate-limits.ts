/**
 * Rate limits on the data API, with the platform's limiter (Redis when configured, so every
 * replica counts together; process memory otherwise). Each caller (API token, user, or address
 * when anonymous) has a budget per project and minute, set in the configuration.
 */
import {
  createLimiter,
  type RateLimiter,
  type RateLimitResult,
  type RateLimitStore,
} from '@tessera/auth/rate-limit';

export const WINDOW_SECONDS = 60;

export class RuntimeLimits {
  #limiters = new Map<number, RateLimiter>();

  constructor(
    private readonly store: RateLimitStore,
    /** Namespaces the counters (tests use their own). */
    private readonly prefix = 'tessera:runtime',
  ) {}

  get backend() {
    return this.store.kind;
  }

  /** Counts one request of `caller` in `project`, whose budget is `perMinute`. */
  check(project: string, caller: string, perMinute: number): Promise<RateLimitResult> {
    let limiter = this.#limiters.get(perMinute);
    if (!limiter) {
      limiter = createLimiter({
        store: this.store,
        prefix: `${this.prefix}:${perMinute}`,
        limit: perMinute,
        windowSeconds: WINDOW_SECONDS,
      });
      this.#limiters.set(perMinute, limiter);
    }
    return limiter.limit(`${project}:${caller}`);
  }
}

/** The IETF RateLimit header fields for a result. */
export function rateLimitHeaders(result: RateLimitResult): Record<string, string> {
  const reset = Math.max(0, Math.ceil((result.reset - Date.now()) / 1000));
  return {
    'ratelimit-limit': String(result.limit),
    'ratelimit-remaining': String(Math.max(0, result.remaining)),
    'ratelimit-reset': String(reset),
    'ratelimit-policy': `${result.limit};w=${WINDOW_SECONDS}`,
  };
}
