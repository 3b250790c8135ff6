/** The benchmark's settings, validated once. */
import { z } from 'zod';

const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

export const benchEnv = z
  .object({
    /** Where to create the benchmark's database; an embedded PostgreSQL when unset. */
    DATABASE_URL: z.url().optional(),
    BENCH_ROWS: count(1_000_000),
    BENCH_SECONDS: count(10),
    BENCH_CONNECTIONS: count(10),
    /** Only these scenarios (comma-separated names, `create,list 20`); all when unset. */
    BENCH_ONLY: z
      .string()
      .optional()
      .transform((v) => (v ? v.split(',').map((s) => s.trim()) : null)),
    /** A directory for CPU profiles of the runtime. */
    BENCH_PROFILE: z.string().min(1).optional(),
  })
  .parse(process.env);

/** What the floor server is told by the benchmark. */
export const floorEnv = () =>
  z
    .object({
      DATABASE_URL: z.url(),
      FLOOR_PORT: z.coerce.number().int(),
      BENCH_USER_ID: z.uuid(),
    })
    .parse(process.env);
