/** The runtime's environment, validated once; a bad value stops start-up naming the variable. */
import { createEnv } from '@t3-oss/env-core';
import { reportInvalidEnv } from '@tessera/errors';
import { z } from 'zod';

export const env = createEnv({
  server: {
    DATABASE_URL: z.url({
      protocol: /^postgres(ql)?$/,
      error: 'DATABASE_URL must be a postgres:// URL',
    }),
    RUNTIME_PORT: z.coerce.number().int().min(1).max(65535).default(3200),
    RUNTIME_HOST: z.string().min(1).default('0.0.0.0'),
    RUNTIME_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
    RUNTIME_ALLOWED_ORIGINS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      ),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
  onValidationError: reportInvalidEnv,
});
