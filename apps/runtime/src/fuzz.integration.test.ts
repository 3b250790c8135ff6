/**
 * Hostile input never reaches PostgreSQL as SQL: fast-check throws SQL fragments, deep
 * nesting, huge lists, prototype keys and garbage at filter, sort, fields and expand. Only 200
 * or 400 may come back, and the database must never see a statement it cannot parse.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

import { useShopRuntime } from './test/shop-runtime';

const sqlErrors: string[] = [];

const shop = useShopRuntime({ rateLimitPerMinute: 1_000_000 });
beforeAll(async () => {
  // Every statement the runtime sends goes through this pool: record any that PostgreSQL could
  // not parse or plan (syntax, undefined column or table, type mismatch: classes 42 and 22).
  const query = shop.pool.query.bind(shop.pool) as (...args: unknown[]) => Promise<unknown>;
  (shop.pool as unknown as { query: typeof query }).query = async (...args: unknown[]) => {
    try {
      return await query(...args);
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (code.startsWith('42') || code.startsWith('22'))
        sqlErrors.push(`${code} ${(error as Error).message}`);
      throw error;
    }
  };
  await shop.pool.query(
    `INSERT INTO shop.customer (name, email) SELECT 'c' || i, CASE WHEN i % 3 = 0 THEN NULL ELSE 'c' || i || '@example.com' END FROM generate_series(1, 40) i`,
  );
}, 60_000);

const HOSTILE = [
  "'; DROP TABLE shop.customer; --",
  '" OR 1=1 --',
  '$1',
  '/*',
  '\\',
  '%_',
  '\u0000',
  '__proto__',
  'constructor',
  'prototype',
  'e."id"',
  'name); SELECT pg_sleep(1); --',
  'ñ日本\u{1F600}',
  'x'.repeat(5000),
];
const FIELDS = [
  'name',
  'email',
  'id',
  'version',
  'created_at',
  'customer',
  'orders',
  'total',
  'tags',
  'label',
  'nope',
  ...HOSTILE,
];
const OPS = [
  '_eq',
  '_neq',
  '_lt',
  '_lte',
  '_gt',
  '_gte',
  '_in',
  '_nin',
  '_null',
  '_nnull',
  '_contains',
  '_icontains',
  '_starts_with',
  '_ends_with',
  '_between',
  '_some',
  '_none',
  '_and',
  '_or',
  '_not',
  '_like',
  ...HOSTILE,
];

const scalar = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.uuid(),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...FIELDS, ...OPS), tie('node'), { maxKeys: 4 }),
  ),
})).node;
// Lists around the limit of 1,000 values (a URL much longer than this is the HTTP layer's 431).
const hugeIn = fc
  .constantFrom(999, 1000, 1001, 1200)
  .map((n) => ({ name: { _in: Array.from({ length: n }, (_, i) => String(i % 10)) } }));
const deep = fc.integer({ min: 1, max: 40 }).map((n) => {
  let f: unknown = { name: { _eq: 'x' } };
  for (let i = 0; i < n; i++) f = { _and: [f] };
  return f;
});
const filter = fc.oneof(
  value,
  hugeIn,
  deep,
  fc.constantFrom('{', 'null', '[]', '"x"', '{"__proto__":{"name":{"_eq":1}}}'),
);
const list = fc
  .array(
    fc.constantFrom(
      ...FIELDS,
      '-name',
      '-total',
      'customer.name',
      'customer.orders',
      'customer.orders.customer.orders',
      'a.b.c.d.e',
    ),
    { maxLength: 4 },
  )
  .map((l) => l.join(','));

async function probe(entity: string, params: Record<string, string>) {
  const query = new URLSearchParams(params).toString();
  const res = await fetch(`${shop.base}/api/v1/shop/${entity}?${query}`, {
    headers: { authorization: `Bearer ${shop.adminToken}` },
  });
  const text = await res.text();
  let body: { status: number; msg: string };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = { status: res.status, msg: `(not JSON) ${text.slice(0, 80)}` };
  }
  return { status: res.status, body };
}

describe('fuzzing the read parameters', () => {
  it('answers only 200 or 400, with no SQL error in PostgreSQL', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('customer', 'order', 'tag'),
        fc.option(filter, { nil: undefined }),
        fc.option(list, { nil: undefined }),
        fc.option(list, { nil: undefined }),
        fc.option(list, { nil: undefined }),
        async (entity, f, sort, fields, expand) => {
          const params: Record<string, string> = {};
          if (f !== undefined) params.filter = typeof f === 'string' ? f : JSON.stringify(f);
          if (sort !== undefined) params.sort = sort;
          if (fields !== undefined) params.fields = fields;
          if (expand !== undefined) params.expand = expand;
          const { status, body } = await probe(entity, params);
          expect([200, 400]).toContain(status);
          if (status === 400) expect(body.msg.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 400 },
    );
    expect(sqlErrors).toEqual([]);
    // The hostile names really reached the runtime (it was not a no-op).
    const { status } = await probe('customer', {
      filter: JSON.stringify({ "'; DROP TABLE x; --": { _eq: 1 } }),
    });
    expect(status).toBe(400);
    const { rows } = await shop.pool.query(`SELECT count(*)::int AS n FROM shop.customer`);
    expect(rows[0].n).toBeGreaterThan(40);
  }, 120_000);
});
