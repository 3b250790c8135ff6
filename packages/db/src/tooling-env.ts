/**
 * The environment of this package's scripts and test harness, validated in one place:
 * DATABASE_URL (optional; the embedded server is used without it) and the schema-engine path
 * the Prisma CLI wants to see.
 */
import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'DATABASE_URL must be a postgres:// URL' })
    .optional(),
  PRISMA_SCHEMA_ENGINE_BINARY: z.string().min(1).optional(),
});

export type ToolingEnv = z.infer<typeof schema>;

export function toolingEnv(source: Record<string, string | undefined> = process.env): ToolingEnv {
  const parsed = schema.safeParse(
    Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === '' ? undefined : v])),
  );
  if (!parsed.success) {
    throw new Error(
      `Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
