import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, describe, expect, inject, it } from 'vitest';

import { quoteIdent } from '../embedded';
import { migrationsDir } from '../paths';
import { adminQuery, dropDatabase, withDatabase } from '../testing';
import { applyMigrations } from './apply';
import { readMigrations } from './migrations';

const { adminUrl } = inject('tesseraTestDb');
const name = `tessera_mig_${process.pid}_${Date.now().toString(36)}`;
afterAll(() => dropDatabase(adminUrl, name));

describe('applyMigrations', () => {
  it('applies every migration once, records them like prisma migrate deploy, and is idempotent', async () => {
    await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(name)}`);
    const url = withDatabase(adminUrl, name);
    const { migrationDirectories } = await readMigrations();
    expect(migrationDirectories.length).toBeGreaterThan(0);

    const first = await applyMigrations({ databaseUrl: url });
    expect(first.applied).toEqual(migrationDirectories.map((m) => m.path));

    const schemaBefore = await describeSchema(url);
    const second = await applyMigrations({ databaseUrl: url });
    expect(second.applied).toEqual([]);
    expect(await describeSchema(url)).toEqual(schemaBefore);

    // prisma migrate deploy identifies applied migrations by name and SHA-256 checksum.
    const rows = (
      await adminQuery(
        url,
        'SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name',
      )
    ).rows;
    expect(rows).toHaveLength(migrationDirectories.length);
    for (const row of rows) {
      const sql = await readFile(path.join(migrationsDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
    }
    expect(schemaBefore).toContain('users.email');
    expect(schemaBefore).toContain('sessions.secret_hash');
  });
});

async function describeSchema(url: string): Promise<string[]> {
  const { rows } = await adminQuery(
    url,
    `SELECT table_name || '.' || column_name || ':' || data_type AS c FROM information_schema.columns
     WHERE table_schema = 'public' ORDER BY 1`,
  );
  return rows.map((r) => String(r.c).replace(/:.*/, '')).concat(rows.map((r) => String(r.c)));
}
