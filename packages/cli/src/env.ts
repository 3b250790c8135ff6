/** The CLI's environment, validated once; a bad value stops it naming the variable. */
import { z } from 'zod';

const schema = z.object({
  TESSERA_URL: z
    .url({ protocol: /^https?$/, error: 'TESSERA_URL must be an http(s) URL' })
    .default('http://localhost:3000'),
  TESSERA_TOKEN: z.string().min(1).optional(),
  TESSERA_PASSWORD: z.string().min(1).optional(),
});

export type CliEnv = z.infer<typeof schema>;

export function parseCliEnv(
  source: Record<string, string | undefined>,
): CliEnv | { error: string } {
  const parsed = schema.safeParse(
    Object.fromEntries(Object.keys(schema.shape).map((k) => [k, source[k] || undefined])),
  );
  if (parsed.success) return parsed.data;
  return { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n') };
}
