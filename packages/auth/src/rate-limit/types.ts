export interface RateLimitResult {
  success: boolean;
  limit: number;
  remaining: number;
  /** Epoch milliseconds at which the window frees up. */
  reset: number;
}

export interface RateLimiter {
  readonly backend: 'upstash' | 'redis' | 'memory';
  limit(key: string): Promise<RateLimitResult>;
  reset(key: string): Promise<void>;
}

/** Where counters live. Chosen by the app from its environment. */
export type RateLimitStore =
  | { kind: 'upstash'; url: string; token: string }
  | { kind: 'redis'; url: string }
  | { kind: 'memory' };
