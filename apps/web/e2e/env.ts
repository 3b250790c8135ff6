/** The end-to-end suite's environment, read and validated in one place. */
import { z } from 'zod';

const schema = z.object({
  E2E_PORT: z.coerce.number().int().min(1).max(65533).default(3199),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  PLAYWRIGHT_CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  CI: z.string().optional(),
  /** Set by the global setup for the test workers: the console that has no user yet. */
  E2E_SETUP_URL: z.url().optional(),
  /** Set by the global setup for the test workers: the runtime beside the main console. */
  E2E_RUNTIME_URL: z.url().optional(),
});

export const e2eEnv = () =>
  schema.parse(
    Object.fromEntries(Object.keys(schema.shape).map((k) => [k, process.env[k] || undefined])),
  );

export function shareWithWorkers(name: 'E2E_SETUP_URL' | 'E2E_RUNTIME_URL', value: string) {
  process.env[name] = value;
}

/** The environment the console under test inherits, minus what each instance sets itself. */
export function inheritedEnv(): Record<string, string | undefined> {
  const {
    REDIS_URL: _redis,
    TESSERA_ADMIN_EMAIL: _email,
    TESSERA_ADMIN_PASSWORD: _password,
    ...rest
  } = process.env;
  return rest;
}
