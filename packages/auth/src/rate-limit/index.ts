export { createLimiter, type LimiterOptions } from './create-limiter';
export {
  createLoginThrottle,
  type LoginAttempt,
  type LoginThrottle,
  type LoginThrottleOptions,
} from './login-throttle';
export { createMemoryLimiter } from './memory-limiter';
export { createIORedis, stripShebang, toRatelimitRedis } from './redis-adapter';
export type { RateLimiter, RateLimitResult, RateLimitStore } from './types';
