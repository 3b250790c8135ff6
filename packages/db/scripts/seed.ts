/** `pnpm db:seed`: inserts built-in roles, permissions, menus and configuration. */
import { createDb } from '../src/client';
import { seed } from '../src/seed';
import { resolveDatabaseUrl } from './database-url';

const { url, stop } = await resolveDatabaseUrl();
const db = createDb({ databaseUrl: url, poolSize: 2 });
try {
  await seed(db);
  console.log('Seed complete.');
} finally {
  await db.$disconnect();
  await stop();
}
