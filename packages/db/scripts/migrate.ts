/** `pnpm db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database). */
import { applyMigrations } from '../src/migrate';
import { resolveDatabaseUrl } from './database-url';

const { url, stop } = await resolveDatabaseUrl();
try {
  const { applied } = await applyMigrations({ databaseUrl: url });
  console.log(applied.length ? `Applied ${applied.join(', ')}` : 'No pending migrations.');
} finally {
  await stop();
}
