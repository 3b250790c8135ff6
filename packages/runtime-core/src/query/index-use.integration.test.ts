/**
 * Every list shape the runtime generates is served by an index when one exists: read on a
 * 200,000-row table through PostgreSQL's EXPLAIN, ascending and descending, filtered, expanded,
 * on keyset pages past the first, and as exports stream them. A descending key ordered
 * `NULLS LAST` (which no plain btree serves) shows up here as a sequential scan and a sort.
 */
import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import { assignIds, createProjectDdl, withJunctionEntities } from '@tessera/meta';
import { shopModel } from '@tessera/meta/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { visibleChange } from '../changes/feed';
import { newestChange } from '../changes/replay';
import { listParams, parseListQuery, readRows } from '../http/read';
import { createRow } from '../http/write';
import type { SchemaOverview } from '../metadata/overview';

/** The shop model, its order total indexed and a required, indexed day it was placed on. */
const MODEL = shopModel((doc) => {
  const order = doc.entities.find((e) => e.code === 'order')!;
  order.fields.find((f) => f.code === 'total')!.indexed = true;
  order.fields.push({ code: 'placed_on', type: 'date', required: true, indexed: true });
});

let t: TestDatabase;
let pool: pg.Pool;
let overview: SchemaOverview;
const caller = { userId: crypto.randomUUID(), roles: [], permissions: new Set(['data:read']) };

beforeAll(async () => {
  t = await createTestDatabase();
  pool = new pg.Pool({ connectionString: t.url, max: 2 });
  const document = assignIds(withJunctionEntities(MODEL), null);
  for (const statement of createProjectDdl(document)) await pool.query(statement.sql);
  await pool.query(
    `INSERT INTO shop.customer (name, email) SELECT 'Customer ' || i, 'c' || i || '@example.com' FROM generate_series(1, 1000) i`,
  );
  // Some totals are missing, so NULLs take their place in both directions.
  await pool.query(
    `INSERT INTO shop."order" (total, placed_on, status, customer, created_at)
     SELECT CASE WHEN i % 50 = 0 THEN NULL ELSE (i % 5000) + 0.5 END,
            date '2020-01-01' + (i % 2000), (ARRAY['new','paid','shipped'])[1 + i % 3],
            c.ids[1 + i % 1000], now() - i * interval '1 second'
       FROM generate_series(1, 200000) i, (SELECT array_agg(id) AS ids FROM shop.customer) c`,
  );
  await pool.query('VACUUM ANALYZE shop."order"');
  await pool.query('VACUUM ANALYZE shop.customer');
  // Changes kept for the change stream: creates, and deletes with the rows they took.
  await pool.query(
    `INSERT INTO data_changes (project, entity, op, ids, rows)
     SELECT 'shop', 'order', CASE WHEN i % 4 = 0 THEN 'delete' ELSE 'create' END,
            ARRAY[gen_random_uuid()], CASE WHEN i % 4 = 0 THEN '[]'::jsonb END
       FROM generate_series(1, 200000) i`,
  );
  await pool.query('VACUUM ANALYZE data_changes');
  overview = {
    models: new Map([['shop', { project: 'shop', version: 1, document }]]),
    grants: new Map(),
    settings: new Map(),
    loadedAt: new Date(),
  };
}, 120_000);
afterAll(async () => {
  await pool.end();
  await t.drop();
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

/** The plan nodes of `node` and everything under it. */
const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

/**
 * How PostgreSQL would run a statement: the node types that read `relation`, whether an
 * index condition bounds one, and the sorts of its rows (a sort of the page's 20 rows, after
 * the LIMIT, is no sort of the table).
 */
async function explain(sql: { text: string; values?: unknown[] }, relation = 'order') {
  const { rows } = await pool.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>({
    text: `EXPLAIN (FORMAT JSON) ${sql.text}`,
    values: sql.values,
  });
  const all = nodes(rows[0]!['QUERY PLAN'][0]!.Plan);
  const reads = (n: PlanNode) => nodes(n).some((m) => m['Relation Name'] === relation);
  return {
    scans: all.filter((n) => n['Relation Name'] === relation).map((n) => n['Node Type']),
    bounded: all.some((n) => n['Relation Name'] === relation && n['Index Cond'] !== undefined),
    fullSorts: all.filter((n) => n['Node Type'] === 'Sort' && reads(n)).length,
  };
}

/** Reads a list as the runtime does, keeping the statement it ran. */
async function list(params: string) {
  const statements: { text: string; values?: unknown[] }[] = [];
  const db = {
    query: (config: { text: string; values?: unknown[] }) => {
      statements.push(config);
      return pool.query(config);
    },
  } as unknown as pg.Pool;
  const result = await readRows({
    db,
    overview,
    caller,
    project: 'shop',
    entity: 'order',
    query: new URLSearchParams(params),
  });
  const data = JSON.parse(result.data!) as { items: unknown[]; nextCursor?: string | null };
  return { data, statement: statements[0]! };
}

const SHAPES = [
  'count=none',
  'count=none&sort=-created_at',
  'count=none&sort=total',
  'count=none&sort=-total',
  'count=none&orderBy=total&orderDir=desc',
  'count=none&sort=-placed_on',
  `count=none&sort=-total&expand=customer&filter=${encodeURIComponent('{"status":{"_eq":"paid"}}')}`,
  `count=none&sort=-placed_on&expand=customer&filter=${encodeURIComponent('{"status":{"_in":["paid","new"]}}')}`,
  'count=none&perPage=50&page=3&sort=-total',
];

describe('index use of list statements on a big table', () => {
  it.each(SHAPES)('%s scans an index, never the table, and sorts nothing whole', async (shape) => {
    const { statement } = await list(shape);
    const plan = await explain(statement);
    expect(plan.scans.length).toBeGreaterThan(0);
    expect(plan.scans).not.toContain('Seq Scan');
    expect(plan.fullSorts).toBe(0);
  });

  it.each([
    ['sort=-total', false],
    ['sort=total', false],
    ['sort=-placed_on', true],
    ['', true],
  ])('keyset pages after the first (%s) read an index in order', async (sort, notNull) => {
    const first = await list(`count=none&after=&${sort}`);
    const second = await list(`count=none&after=${first.data.nextCursor}&${sort}`);
    const plan = await explain(second.statement);
    expect(plan.scans).not.toContain('Seq Scan');
    expect(plan.fullSorts).toBe(0);
    // A key that cannot be NULL bounds the scan: it starts at the cursor, not the top.
    if (notNull) expect(plan.bounded).toBe(true);
  });

  it('streams an export in an index’s order too', async () => {
    const q = parseListQuery({
      db: pool,
      overview,
      caller,
      project: 'shop',
      entity: 'order',
      query: new URLSearchParams('sort=-total'),
    });
    const text = q.target.plan.rowsSql({
      sort: q.sort,
      filter: q.where.sql,
      select: q.select.sql,
      search: q.search,
      keywords: false,
      limit: 1_000_000,
    });
    const plan = await explain({ text, values: listParams(q) });
    expect(plan.scans).not.toContain('Seq Scan');
    expect(plan.fullSorts).toBe(0);
  });

  it('pages through NULLs in both directions without losing or repeating a row', async () => {
    for (const sort of ['sort=-total', 'sort=total']) {
      const seen = new Set<string>();
      let after = '';
      // The NULL totals sit at one end; a filter keeps the walk short.
      const filter = encodeURIComponent('{"placed_on":{"_eq":"2020-01-01"}}');
      for (let page = 0; page < 20; page++) {
        const { data } = await list(`count=none&perPage=7&${sort}&filter=${filter}&after=${after}`);
        for (const row of data.items as { id: string }[]) {
          expect(seen.has(row.id)).toBe(false);
          seen.add(row.id);
        }
        if (!data.nextCursor) break;
        after = data.nextCursor;
      }
      const { rows } = await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM shop."order" WHERE placed_on = '2020-01-01'`,
      );
      expect(seen.size, sort).toBe(Number(rows[0]!.n));
    }
  });

  it('places NULLs last ascending and first descending, as the index does', async () => {
    const { rows } = await pool.query<{ id: string }>(
      `SELECT id FROM shop."order" WHERE total IS NULL ORDER BY id LIMIT 1`,
    );
    expect(rows[0]).toBeDefined();
    const descending = await list('count=none&sort=-total&perPage=1');
    expect((descending.data.items[0] as { total: unknown }).total).toBeNull();
    const ascending = await list('count=none&sort=total&perPage=1');
    expect((ascending.data.items[0] as { total: unknown }).total).not.toBeNull();
  });
});

/** A database that keeps the statements it is sent and answers each with `rows`. */
function recorder(rows: unknown[] = []) {
  const statements: { text: string; values?: unknown[] }[] = [];
  const db = {
    query: (config: string | { text: string; values?: unknown[] }, values?: unknown[]) => {
      statements.push(typeof config === 'string' ? { text: config, values } : config);
      return Promise.resolve({ rows });
    },
  } as unknown as pg.Pool;
  return { db, statements };
}

/** A clerk who reads some customers only, and creates and reads orders. */
const clerk = { userId: crypto.randomUUID(), roles: ['clerk'], permissions: new Set<string>() };
const clerkGrants = () =>
  new Map([
    [
      'shop',
      [
        {
          role: 'clerk',
          entity: 'customer',
          action: 'read' as const,
          rowFilter: { name: { _starts_with: 'Customer 1' } },
          fields: null,
        },
        {
          role: 'clerk',
          entity: 'order',
          action: 'read' as const,
          rowFilter: { status: { _eq: 'paid' } },
          fields: null,
        },
        {
          role: 'clerk',
          entity: 'order',
          action: 'create' as const,
          rowFilter: null,
          fields: null,
        },
      ],
    ],
  ]);

describe('index use of the statements writes and the change stream add', () => {
  it.each([
    [
      'a caller who reads every customer',
      () => ({ ...caller, permissions: new Set(['data:read', 'data:create']) }),
      () => overview,
    ],
    [
      'a caller whose customers are row-filtered',
      () => clerk,
      () => ({ ...overview, grants: clerkGrants() }),
    ],
  ])('a create checks its reference by primary key, for %s', async (_who, who, seen) => {
    const { db, statements } = recorder([{ json: '{}' }]);
    await createRow({
      db,
      overview: seen(),
      caller: who(),
      project: 'shop',
      entity: 'order',
      announce: false,
      body: { total: 5, status: 'new', placed_on: '2024-01-01', customer: crypto.randomUUID() },
    });
    const plan = await explain(statements[0]!, 'customer');
    expect(plan.scans.length).toBeGreaterThan(0);
    expect(plan.scans).not.toContain('Seq Scan');
    expect(plan.bounded).toBe(true);
  });

  it('a hard delete is shown by its kept rows, found through the changes index', async () => {
    const { rows } = await pool.query<{ seq: string }>(
      `SELECT seq::text AS seq FROM data_changes WHERE op = 'delete' ORDER BY seq DESC LIMIT 1`,
    );
    const { db, statements } = recorder();
    await visibleChange({
      db,
      overview: { ...overview, grants: clerkGrants() },
      caller: clerk,
      notice: {
        p: 'shop',
        e: 'order',
        op: 'delete',
        ids: [crypto.randomUUID()],
        s: Number(rows[0]!.seq),
      },
    });
    expect(statements).toHaveLength(1);
    const plan = await explain(statements[0]!, 'data_changes');
    expect(plan.scans).not.toContain('Seq Scan');
    expect(plan.bounded).toBe(true);
  });

  it('a new subscriber finds the newest change from the index', async () => {
    const { db, statements } = recorder([{ seq: '1' }]);
    await newestChange(db);
    const plan = await explain(statements[0]!, 'data_changes');
    expect(plan.scans).toEqual([expect.stringMatching(/^Index Only Scan|^Index Scan/)]);
  });
});
