/**
 * Long-lived server services, created once per process (and kept across hot reloads): the
 * database client, the login throttle on Upstash, Redis or process memory, and what the custom
 * server shares (the document worker).
 */
import type { ApiServices } from '@tessera/api';
import { createLoginThrottle, type RateLimitStore } from '@tessera/auth/rate-limit';
import { createDb } from '@tessera/db';

import { env } from '~/env';

import { logger } from './logger';
import { sharedServices } from './shared';

function rateLimitStore(): RateLimitStore {
  if (env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN) {
    return {
      kind: 'upstash',
      url: env.UPSTASH_REDIS_REST_URL,
      token: env.UPSTASH_REDIS_REST_TOKEN,
    };
  }
  if (env.REDIS_URL) return { kind: 'redis', url: env.REDIS_URL };
  return { kind: 'memory' };
}

function create(): ApiServices {
  const store = rateLimitStore();
  if (store.kind === 'memory') {
    logger.warn(
      { rateLimit: 'memory' },
      'No Redis configured: login throttling is per process (set REDIS_URL for a shared limit)',
    );
  } else {
    logger.info({ rateLimit: store.kind }, 'Login throttling uses a shared store');
  }
  return {
    db: createDb({ databaseUrl: env.DATABASE_URL }),
    databaseUrl: env.DATABASE_URL,
    loginThrottle: createLoginThrottle({ store }),
    logger,
    allowedOrigins: env.TESSERA_ALLOWED_ORIGINS,
    runtimeUrl: env.RUNTIME_URL ?? '',
    ...sharedServices(),
  };
}

const globalForServices = globalThis as unknown as { tesseraServices?: ApiServices };

export function getServices(): ApiServices {
  return (globalForServices.tesseraServices ??= create());
}
