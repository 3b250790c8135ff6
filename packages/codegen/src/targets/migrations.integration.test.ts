/**
 * Migrations across model versions: a service ejected at v1 and regenerated at v3 migrates its
 * own database through the same changes the platform's publishes made (a field added, one
 * renamed, an entity added, one dropped, then a field widened), and ends with the platform's
 * schema.
 * Regenerating keeps the earlier migrations byte for byte.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import { type ModelDocument, type Plan, planChanges, publish } from '@tessera/meta';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { eject } from '../eject';
import { TemplateRenderer } from '../render/renderer';
import { shopV1, shopV2 } from '../test/shop-versions';
import { catalogView } from '../view/catalog-view';
import { writeFiles } from '../write-files';
import { migrationFiles } from './migrations';

let platform: TestDatabase;
let service: TestDatabase;
const renderer = new TemplateRenderer();

const v1 = shopV1();

/** After v2's changes, a field widened. */
function v3(from: ModelDocument): ModelDocument {
  const doc = structuredClone(from);
  const customer = doc.entities.find((e) => e.code === 'customer')!;
  Object.assign(
    customer.fields.find((f) => f.code === 'phone')!,
    { length: 40 },
  );
  return doc;
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Publishes `draft` over `published` on the platform's database; the plan it ran. */
const publishOn = (url: string, published: ModelDocument | null, draft: ModelDocument) =>
  withClient(url, async (db) => {
    const plan = await planChanges({ db, published, draft });
    return publish({ db, published, draft, confirm: plan.steps.map((s) => s.id) });
  });

/** Applies the migration files in name order, each in a transaction, as the service's runner does. */
const migrate = (url: string, files: { path: string; content: string }[]) =>
  withClient(url, async (db) => {
    for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
      await db.query('BEGIN');
      await db.query(file.content);
      await db.query('COMMIT');
    }
  });

/** The project schema's tables, columns and named objects, as PostgreSQL has them. */
const catalog = (url: string) =>
  withClient(url, async (db) => {
    const columns = await db.query<{
      table: string;
      column: string;
      type: string;
      nullable: string;
    }>(
      `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
              CASE WHEN a.attnotnull THEN 'no' ELSE 'yes' END AS nullable
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'shop' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
          AND c.relname NOT LIKE '\\_%'
        ORDER BY 1, 2`,
    );
    const objects = await db.query<{ name: string }>(
      `SELECT conname AS name FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'shop'
        UNION SELECT indexname FROM pg_indexes WHERE schemaname = 'shop' ORDER BY 1`,
    );
    return { columns: columns.rows, objects: objects.rows.map((r) => r.name) };
  });

let plans: { version: number; plan: Plan }[];
let doc2: ModelDocument;
let doc3: ModelDocument;

beforeAll(async () => {
  [platform, service] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  doc2 = shopV2(v1);
  doc3 = v3(doc2);
  await publishOn(platform.url, null, v1);
  plans = [
    { version: 2, plan: await publishOn(platform.url, v1, doc2) },
    { version: 3, plan: await publishOn(platform.url, doc2, doc3) },
  ];
}, 120_000);
afterAll(async () => {
  await renderer.close();
  await Promise.all([platform?.drop(), service?.drop()]);
});

describe('migrations across model versions', () => {
  it("take the service's database where the platform's publishes took the platform's", async () => {
    const files = migrationFiles(doc3, 3, { base: { version: 1, document: v1 }, later: plans });
    expect(files.map((f) => f.path)).toEqual([
      'prisma/migrations/000001_init/migration.sql',
      'prisma/migrations/000002_v2/migration.sql',
      'prisma/migrations/000003_v3/migration.sql',
    ]);
    expect(files[1]!.content).toMatch(/RENAME COLUMN "total" TO "amount"/);
    await migrate(service.url, files);
    const [theirs, ours] = await Promise.all([catalog(platform.url), catalog(service.url)]);
    expect(ours).toEqual(theirs);
    // And it is the schema the v3 service expects.
    const expected = catalogView(doc3).tables.flatMap((t) =>
      t.columns.map((c) => ({
        table: t.name,
        column: c.name,
        type: c.type,
        nullable: c.nullable ? 'yes' : 'no',
      })),
    );
    expect(
      ours.columns.filter((c) => !['idempotency_keys', 'data_changes'].includes(c.table)),
    ).toEqual(
      expected.sort((a, b) => a.table.localeCompare(b.table) || a.column.localeCompare(b.column)),
    );
  });

  it('refuse a history with a version missing', () => {
    expect(() =>
      migrationFiles(doc3, 3, { base: { version: 1, document: v1 }, later: plans.slice(1) }),
    ).toThrow(/every version up to 3; it has 3/);
  });

  it('regenerating in place adds the new migrations and leaves the earlier ones as they were', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tessera-migrations-'));
    try {
      await writeFiles(dir, await eject({ document: v1, version: 1, renderer }));
      const first = await readFile(
        path.join(dir, 'prisma/migrations/000001_init/migration.sql'),
        'utf8',
      );
      const report = await writeFiles(
        dir,
        await eject({
          document: doc3,
          version: 3,
          renderer,
          migrations: { base: { version: 1, document: v1 }, later: plans },
        }),
      );
      const actions = Object.fromEntries(
        report.files
          .filter((f) => f.path.startsWith('prisma/migrations/'))
          .map((f) => [f.path, f.action]),
      );
      expect(actions).toEqual({
        'prisma/migrations/000001_init/migration.sql': 'unchanged',
        'prisma/migrations/000002_v2/migration.sql': 'new',
        'prisma/migrations/000003_v3/migration.sql': 'new',
        'prisma/migrations/migration_lock.toml': 'unchanged',
      });
      expect(
        await readFile(path.join(dir, 'prisma/migrations/000001_init/migration.sql'), 'utf8'),
      ).toBe(first);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
