/** The designer's environment, validated when its dev server starts. */
import { createEnv } from '@t3-oss/env-core';
import { reportInvalidEnv } from '@tessera/errors';
import { z } from 'zod';

export const env = createEnv({
  server: {
    DESIGNER_PORT: z.coerce.number().int().min(1).max(65535).default(3300),
    /** Where the dev server listens: this machine only, unless set (e.g. 0.0.0.0). */
    DESIGNER_HOST: z.string().min(1).default('127.0.0.1'),
    WEB_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
  onValidationError: reportInvalidEnv,
});
