/** A database of its own for one test file, cloned from the migrated, seeded template. */
import { randomBytes } from 'node:crypto';

import { inject } from 'vitest';

import { createDb, type Db } from '../client';
import { quoteIdent } from '../embedded';
import { adminQuery, dropDatabase, withDatabase } from './server';
import './global-setup';

export interface TestDatabase {
  url: string;
  name: string;
  db: Db;
  drop: () => Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const { adminUrl, templateDatabase } = inject('tesseraTestDb');
  const name = `tessera_t_${randomBytes(6).toString('hex')}`;
  // Concurrent clones of one template can collide ("being accessed by other users"): retry.
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(
        adminUrl,
        `CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(templateDatabase)}`,
      );
      break;
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const url = withDatabase(adminUrl, name);
  const db = createDb({ databaseUrl: url, poolSize: 4 });
  return {
    url,
    name,
    db,
    drop: async () => {
      await db.$disconnect();
      await dropDatabase(adminUrl, name);
    },
  };
}
