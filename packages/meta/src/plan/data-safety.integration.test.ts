/**
 * Changing a populated model never loses data by surprise: 10,000 rows with NULLs, unicode and
 * boundary values, hashed row by row, through every kind of change.
 */
import { randomUUID } from 'node:crypto';

import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ModelDocument } from '../document';
import { validateDocument } from '../serialize';
import { planChanges } from './planner';
import { publish, PublishRefusedError } from './publish';

const ids = {
  item: randomUUID(),
  name: randomUUID(),
  qty: randomUUID(),
  price: randomUUID(),
  note: randomUUID(),
  ref: randomUUID(),
  label: randomUUID(),
  status: randomUUID(),
  rank: randomUUID(),
};

function doc(input: unknown): ModelDocument {
  const result = validateDocument(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.document;
}

const v1 = doc({
  project: 'lab',
  entities: [
    {
      id: ids.item,
      code: 'item',
      fields: [
        { id: ids.name, code: 'name', type: 'string', length: 100 },
        { id: ids.qty, code: 'qty', type: 'integer' },
        { id: ids.price, code: 'price', type: 'decimal', precision: 12, scale: 2 },
        { id: ids.note, code: 'note', type: 'text' },
        { id: ids.ref, code: 'ref', type: 'text' },
        { id: ids.label, code: 'label', type: 'string', length: 50 },
      ],
    },
  ],
});

let t: TestDatabase;
let client: pg.Client;
let published: ModelDocument | null = null;
let original: Map<string, string>;

/** A change to the current model: `edit` receives a deep copy of the published document. */
function next(edit: (d: ModelDocument) => void): ModelDocument {
  const copy = structuredClone(published!);
  edit(copy);
  return doc(copy);
}
const item = (d: ModelDocument) => d.entities[0]!;
const field = (d: ModelDocument, id: string) => item(d).fields.find((f) => f.id === id)!;

async function hashes(table: string, columns: string[]): Promise<Map<string, string>> {
  const { rows } = await client.query<{ id: string; h: string }>(
    `SELECT id, md5(concat_ws('|', ${columns.map((c) => `coalesce(${c}::text, '∅')`).join(', ')})) AS h FROM lab.${table}`,
  );
  return new Map(rows.map((r) => [r.id, r.h]));
}

async function publishAs(draft: ModelDocument, confirm: string[] = []) {
  const plan = await publish({ db: client, published, draft, confirm, lockTimeoutMs: 2_000 });
  published = draft;
  return plan;
}

beforeAll(async () => {
  t = await createTestDatabase();
  client = new pg.Client({ connectionString: t.url });
  await client.connect();
  await publishAs(v1);
  await client.query(`
    INSERT INTO lab.item (name, qty, price, note, ref, label)
    SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE 'név ' || i || ' ✓ 日本 "q" ''s' END,
           CASE WHEN i % 11 = 0 THEN NULL WHEN i = 1 THEN 2147483647 WHEN i = 2 THEN -2147483648 ELSE i END,
           CASE WHEN i % 13 = 0 THEN NULL WHEN i = 3 THEN 9999999999.99 WHEN i = 4 THEN -0.01 ELSE (i * 1.25)::numeric(12,2) END,
           CASE WHEN i % 5 = 0 THEN NULL ELSE repeat('ü', i % 300) END,
           CASE WHEN i % 997 = 0 THEN 'n/a-' || i WHEN i % 17 = 0 THEN NULL ELSE (i * 3)::text END,
           'label-' || (i % 5000)
      FROM generate_series(1, 10000) AS i`);
  original = await hashes('item', ['name', 'qty', 'price', 'note', 'ref', 'label']);
}, 120_000);

afterAll(async () => {
  await client.end();
  await t.drop();
});

describe('changing a populated model', () => {
  it('adds fields: old rows unchanged, default applied', async () => {
    const draft = next((d) => {
      item(d).fields.push({
        id: ids.status,
        code: 'status',
        type: 'enum',
        options: ['new', 'done'],
        default: 'new',
      } as never);
      item(d).fields.push({ id: ids.rank, code: 'rank', type: 'integer' } as never);
    });
    const plan = await planChanges({ db: client, published, draft });
    expect(plan.steps.map((s) => [s.kind, s.risk])).toEqual([
      ['add-field', 'safe'],
      ['add-field', 'safe'],
    ]);
    await publishAs(draft);
    expect(await hashes('item', ['name', 'qty', 'price', 'note', 'ref', 'label'])).toEqual(
      original,
    );
    const { rows } = await client.query(
      `SELECT status, count(*)::int AS n FROM lab.item GROUP BY status`,
    );
    expect(rows).toEqual([{ status: 'new', n: 10000 }]);
  });

  it('renames an entity and a field: values identical', async () => {
    const draft = next((d) => {
      item(d).code = 'article';
      field(d, ids.name).code = 'title';
    });
    const plan = await planChanges({ db: client, published, draft });
    expect(plan.steps.map((s) => [s.kind, s.risk])).toEqual([
      ['rename-entity', 'safe'],
      ['rename-field', 'safe'],
    ]);
    await publishAs(draft);
    expect(await hashes('article', ['title', 'qty', 'price', 'note', 'ref', 'label'])).toEqual(
      original,
    );
  });

  it('retypes losslessly: values identical', async () => {
    const draft = next((d) => {
      Object.assign(field(d, ids.qty), { type: 'bigint' });
      Object.assign(field(d, ids.price), { precision: 14 });
      Object.assign(field(d, ids.name), { length: 200 });
    });
    const plan = await planChanges({ db: client, published, draft });
    expect(plan.steps.map((s) => [s.kind, s.risk, s.rows])).toEqual([
      ['retype-field', 'safe', 0],
      ['retype-field', 'safe', 0],
      ['retype-field', 'safe', 0],
    ]);
    await publishAs(draft);
    expect(await hashes('article', ['title', 'qty', 'price', 'note', 'ref', 'label'])).toEqual(
      original,
    );
    const { rows } = await client.query(
      `SELECT data_type FROM information_schema.columns WHERE table_schema = 'lab' AND table_name = 'article' AND column_name = 'qty'`,
    );
    expect(rows[0]).toEqual({ data_type: 'bigint' });
  });

  it('blocks a lossy retype with the right count, and converts with a backup once confirmed', async () => {
    const draft = next((d) => Object.assign(field(d, ids.ref), { type: 'integer' }));
    const plan = await planChanges({ db: client, published, draft });
    const step = plan.steps.find((s) => s.kind === 'retype-field')!;
    expect(step).toMatchObject({ risk: 'blocked', rows: 10 });
    await expect(publish({ db: client, published, draft, confirm: [] })).rejects.toBeInstanceOf(
      PublishRefusedError,
    );
    const { rows: still } = await client.query(
      `SELECT data_type FROM information_schema.columns WHERE table_schema = 'lab' AND table_name = 'article' AND column_name = 'ref'`,
    );
    expect(still[0]).toEqual({ data_type: 'text' });

    const before = await client.query<{ id: string; ref: string | null }>(
      `SELECT id, ref FROM lab.article`,
    );
    await publishAs(draft, [step.id]);
    const backup = (
      await client.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'lab' AND table_name = 'article' AND column_name LIKE '\\_trash\\_ref\\_%'`,
      )
    ).rows[0]!.column_name;
    const after = await client.query<{ id: string; ref: number | null; kept: string | null }>(
      `SELECT id, ref, "${backup}" AS kept FROM lab.article`,
    );
    const byId = new Map(after.rows.map((r) => [r.id, r]));
    let kept = 0;
    for (const row of before.rows) {
      const now = byId.get(row.id)!;
      if (row.ref !== null && !/^\d+$/.test(row.ref)) {
        kept++;
        expect(now).toMatchObject({ ref: null, kept: row.ref });
      } else {
        expect(now.ref === null ? null : String(now.ref)).toBe(row.ref);
        expect(now.kept).toBeNull();
      }
    }
    expect(kept).toBe(10);
  });

  it('drops a field only when confirmed, and keeps its data restorable', async () => {
    const draft = next((d) => {
      item(d).fields = item(d).fields.filter((f) => f.id !== ids.note);
    });
    const plan = await planChanges({ db: client, published, draft });
    const step = plan.steps.find((s) => s.kind === 'drop-field')!;
    expect(step).toMatchObject({ risk: 'needs-confirmation', rows: 8000 });
    await expect(publish({ db: client, published, draft, confirm: [] })).rejects.toThrow(
      /need attention/,
    );
    const notes = await hashes('article', ['note']);
    await publishAs(draft, [step.id]);
    const trash = (
      await client.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'lab' AND table_name = 'article' AND column_name LIKE '\\_trash\\_note\\_%'`,
      )
    ).rows[0]!.column_name;
    expect(await hashes('article', [`"${trash}"`])).toEqual(notes);
  });

  it('blocks making a field required while rows have no value, unless a default fills them', async () => {
    const bare = next((d) => Object.assign(field(d, ids.rank), { required: true }));
    const blocked = (await planChanges({ db: client, published, draft: bare })).steps[0]!;
    expect(blocked).toMatchObject({ kind: 'require-field', risk: 'blocked', rows: 10000 });
    const filled = next((d) => Object.assign(field(d, ids.rank), { required: true, default: 0 }));
    const steps = (await planChanges({ db: client, published, draft: filled })).steps;
    expect(steps.find((s) => s.kind === 'require-field')).toMatchObject({
      risk: 'needs-confirmation',
      rows: 10000,
    });
  });

  it('checks for duplicates before adding a unique constraint', async () => {
    const draft = next((d) => Object.assign(field(d, ids.label), { unique: true }));
    const step = (await planChanges({ db: client, published, draft })).steps[0]!;
    expect(step).toMatchObject({ kind: 'add-unique', risk: 'blocked', rows: 10000 });
  });

  it('fails cleanly rather than waiting when the table is busy', async () => {
    const draft = next((d) => Object.assign(field(d, ids.name), { length: 300 }));
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    await other.query('BEGIN');
    await other.query('LOCK TABLE lab.article IN ACCESS EXCLUSIVE MODE');
    const started = Date.now();
    const error = await publish({
      db: client,
      published,
      draft,
      confirm: [],
      lockTimeoutMs: 300,
    }).catch((e: { code?: string }) => e);
    expect((error as { code?: string }).code).toBe('55P03');
    expect(Date.now() - started).toBeLessThan(10_000);
    await other.query('ROLLBACK');
    await other.end();
    const { rows } = await client.query(
      `SELECT character_maximum_length AS n FROM information_schema.columns WHERE table_schema = 'lab' AND table_name = 'article' AND column_name = 'title'`,
    );
    expect(rows[0]).toEqual({ n: 200 });
  });

  it('moves a dropped entity to the trash with every row', async () => {
    const draft = next((d) => {
      d.entities = [];
    });
    const step = (await planChanges({ db: client, published, draft })).steps.find(
      (s) => s.kind === 'drop-entity',
    )!;
    expect(step).toMatchObject({ risk: 'needs-confirmation', rows: 10000 });
    await publishAs(draft, [step.id]);
    const { rows } = await client.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'lab'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tablename).toMatch(/^_trash_article_\d{14}$/);
    const kept = await client.query(`SELECT count(*)::int AS n FROM lab."${rows[0]!.tablename}"`);
    expect(kept.rows[0]).toEqual({ n: 10000 });
  });
});
