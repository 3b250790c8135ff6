/** Prisma CLI configuration. Migrations are applied by `src/migrate` (offline, WASM engine). */
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
