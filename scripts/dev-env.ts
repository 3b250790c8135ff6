/** The dev command's environment: `.env` if present, validated; bad values name the variable. */
import { existsSync } from 'node:fs';
import path from 'node:path';

import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);

const schema = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' })
    .optional(),
  TESSERA_PG_PORT: port.optional(),
  TESSERA_DATA_DIR: z.string().min(1).default('.data'),
  TESSERA_ADMIN_EMAIL: z.email().optional(),
  WEB_PORT: port.default(3000),
  RUNTIME_PORT: port.default(3200),
  DESIGNER_PORT: port.default(3300),
  /** Where browsers reach the runtime, and which origins the runtime lets call it. */
  RUNTIME_URL: z.url().optional(),
  RUNTIME_ALLOWED_ORIGINS: z.string().min(1).optional(),
});

export type DevEnv = z.infer<typeof schema>;

export function loadDevEnv(root: string): DevEnv {
  const file = path.join(root, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
  const values = Object.fromEntries(
    Object.keys(schema.shape).map((k) => [k, process.env[k] || undefined]),
  );
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      console.error(`Invalid ${issue.path.join('.')}: ${issue.message}`);
    process.exit(1);
  }
  return parsed.data;
}
