/** The runtime's environment, validated once; a bad value stops start-up naming the variable. */
import { createEnv } from '@t3-oss/env-core';
import { reportInvalidEnv } from '@tessera/errors';
import { z } from 'zod';

import { DEFAULT_CALLER_SHARE } from './http/pool-share';
import { DEFAULT_STALL_MS } from './http/stall';

/** A comma-separated list; empty when unset. */
const list = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  );

export const env = createEnv({
  server: {
    DATABASE_URL: z.url({
      protocol: /^postgres(ql)?$/,
      error: 'DATABASE_URL must be a postgres:// URL',
    }),
    RUNTIME_PORT: z.coerce.number().int().min(1).max(65535).default(3200),
    RUNTIME_HOST: z.string().min(1).default('0.0.0.0'),
    RUNTIME_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
    /** How long a request waits for a free connection before it is answered 503. */
    RUNTIME_DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
    /** The share of the pool one caller (token, user, address) may hold at once. */
    RUNTIME_DB_CALLER_SHARE: z.coerce.number().gt(0).max(1).default(DEFAULT_CALLER_SHARE),
    /** How long an export or change stream may wait for a reader that stopped reading. */
    RUNTIME_STALL_MS: z.coerce.number().int().min(100).max(600_000).default(DEFAULT_STALL_MS),
    /** Requests at least this slow are kept for the monitoring panel. */
    RUNTIME_SLOW_REQUEST_MS: z.coerce.number().int().min(1).max(600_000).default(500),
    RUNTIME_ALLOWED_ORIGINS: list,
    /** Shared rate-limit counters for every replica; process memory when unset. */
    REDIS_URL: z
      .url({ protocol: /^rediss?$/, error: 'REDIS_URL must be a redis:// URL' })
      .optional(),
    TRUSTED_PROXIES: list,
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
  onValidationError: reportInvalidEnv,
});
