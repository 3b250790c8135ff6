import { afterAll, describe, expect, inject, it } from 'vitest';

import { quoteIdent } from '../embedded';
import { adminQuery, dropDatabase, withDatabase } from '../testing';
import { diffSchemaAgainstMigrations, isEmptyMigration } from './diff';

const { adminUrl } = inject('tesseraTestDb');
const name = `tessera_diff_${process.pid}_${Date.now().toString(36)}`;
afterAll(() => dropDatabase(adminUrl, name));

describe('diffSchemaAgainstMigrations', () => {
  it('finds schema.prisma in step with the committed migrations, without touching the database', async () => {
    await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(name)}`);
    const url = withDatabase(adminUrl, name);
    const sql = await diffSchemaAgainstMigrations({ databaseUrl: url });
    expect(
      isEmptyMigration(sql),
      `schema.prisma has changes without a migration; run pnpm db:new-migration:\n${sql}`,
    ).toBe(true);
    const { rows } = await adminQuery(
      url,
      "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'",
    );
    expect(rows[0].n).toBe(0);
    const shadows = await adminQuery(
      adminUrl,
      "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'",
    );
    expect(shadows.rowCount).toBe(0);
  });

  it('writes SQL for the whole schema when there are no migrations yet', async () => {
    const sql = await diffSchemaAgainstMigrations({
      databaseUrl: withDatabase(adminUrl, name),
      migrationsDir: '/nonexistent',
    });
    expect(sql).toContain('CREATE TABLE "users"');
    expect(isEmptyMigration(sql)).toBe(false);
  });
});
