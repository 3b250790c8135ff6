/**
 * The web app's environment, validated once. A bad value stops start-up with a message that
 * names the variable. Nothing else reads process.env.
 */
import { createEnv } from '@t3-oss/env-core';
import { reportInvalidEnv } from '@tessera/errors';
import { z } from 'zod';

const list = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATABASE_URL: z.url({
      protocol: /^postgres(ql)?$/,
      error: 'DATABASE_URL must be a postgres:// URL',
    }),
    REDIS_URL: z
      .url({ protocol: /^rediss?$/, error: 'REDIS_URL must be a redis:// URL' })
      .optional(),
    UPSTASH_REDIS_REST_URL: z.url().optional(),
    UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
    WEB_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    WEB_HOST: z.string().min(1).default('0.0.0.0'),
    TRUSTED_PROXIES: list,
    TESSERA_ALLOWED_ORIGINS: list,
    TESSERA_ADMIN_EMAIL: z.email('TESSERA_ADMIN_EMAIL must be an email address').optional(),
    TESSERA_ADMIN_PASSWORD: z
      .string()
      .min(8, 'TESSERA_ADMIN_PASSWORD must be at least 8 characters')
      .max(256)
      .optional(),
    TESSERA_AUTO_MIGRATE: z.enum(['true', 'false']).default('true'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    /** The runtime as browsers reach it: the generated data pages call it. */
    RUNTIME_URL: z.url().optional(),
    /** The runtime as this server reaches it, where that differs (`http://runtime:3200`). */
    RUNTIME_INTERNAL_URL: z.url().optional(),
    /** In development, the designer's dev server (`/designer/` is sent there). */
    DESIGNER_PORT: z.coerce.number().int().min(1).max(65535).default(3300),
    /** The designer's production build, served under /designer/; apps/designer/dist by default. */
    DESIGNER_DIST: z.string().min(1).optional(),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
  // `next build` imports route modules without a database; the server validates at start.
  skipValidation: process.env.SKIP_ENV_VALIDATION === '1',
  onValidationError: reportInvalidEnv,
});
