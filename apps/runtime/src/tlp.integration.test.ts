/**
 * Ternary logic partitioning: for any predicate P, the rows where P is true, false and NULL
 * partition the table. Checked on the SQL the filter compiler writes (three-valued), and over
 * HTTP, where `_not` counts NULL as not matching (two-valued): |P| + |_not P| = |all|.
 */
import { compileFilter } from '@tessera/runtime-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

import { useShopRuntime } from './test/shop-runtime';

const shop = useShopRuntime({ rateLimitPerMinute: 1_000_000 });
beforeAll(async () => {
  await shop.pool.query(`
    INSERT INTO shop.customer (name, email, version)
      SELECT CASE WHEN i % 4 = 0 THEN 'Ada' ELSE 'c' || (i % 9) END,
             CASE WHEN i % 3 = 0 THEN NULL ELSE 'c' || (i % 5) || '@example.com' END,
             1 + i % 3
        FROM generate_series(1, 60) i;
    INSERT INTO shop."order" (total, customer)
      SELECT CASE WHEN i % 5 = 0 THEN NULL ELSE (i * 7) % 50 END,
             CASE WHEN i % 4 = 0 THEN NULL ELSE (SELECT id FROM shop.customer ORDER BY name, id OFFSET (i % 30) LIMIT 1) END
        FROM generate_series(1, 80) i;`);
}, 60_000);

const names = fc.constantFrom('Ada', 'c1', 'c2', 'c7', 'x');
const emails = fc.constantFrom('c1@example.com', 'c3@example.com', 'a@b.co');
const fragments = fc.constantFrom('Ada', 'c1', '@example', '%', '_', 'x');
const textLeaf = (field: string, values: fc.Arbitrary<string>) =>
  fc
    .oneof(
      fc.tuple(fc.constantFrom('_eq', '_neq', '_lt', '_gte'), values),
      fc.tuple(fc.constantFrom('_contains', '_icontains', '_starts_with', '_ends_with'), fragments),
      fc.tuple(fc.constantFrom('_in', '_nin'), fc.array(values, { minLength: 1, maxLength: 3 })),
      fc.tuple(fc.constantFrom('_null', '_nnull'), fc.constant(true)),
    )
    .map(([op, value]) => ({ [field]: { [op]: value } }));
const nameOrEmail = fc.oneof(textLeaf('name', names), textLeaf('email', emails));
const version = fc
  .oneof(
    fc.tuple(fc.constantFrom('_eq', '_neq', '_lt', '_gt'), fc.integer({ min: 0, max: 4 })),
    fc.tuple(
      fc.constant('_between'),
      fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 2, max: 4 })),
    ),
  )
  .map(([op, value]) => ({ version: { [op]: value } }));
const orderLeaf = fc.oneof(
  fc
    .tuple(fc.constantFrom('_eq', '_neq', '_lt', '_gt', '_lte'), fc.integer({ min: 0, max: 50 }))
    .map(([op, v]) => ({ total: { [op]: v } })),
  fc.constantFrom({ total: { _null: true } }, { total: { _nnull: true } }),
);
const customerLeaf = fc.oneof(
  nameOrEmail,
  version,
  fc
    .tuple(fc.constantFrom('_some', '_none'), orderLeaf)
    .map(([q, leaf]) => ({ orders: { [q]: leaf } })),
);
const predicate: fc.Arbitrary<Record<string, unknown>> = fc.letrec((tie) => ({
  // The filter language allows five levels of nesting; stay within them, `_not` and paths included.
  p: fc.oneof(
    { depthSize: 'small', maxDepth: 2 },
    customerLeaf,
    fc.array(tie('p'), { minLength: 1, maxLength: 3 }).map((ps) => ({ _and: ps })),
    fc.array(tie('p'), { minLength: 1, maxLength: 3 }).map((ps) => ({ _or: ps })),
    tie('p').map((p) => ({ _not: p })),
  ),
})).p;

const count = async (filter: unknown) => {
  const res = await fetch(
    `${shop.base}/api/v1/shop/customer?perPage=1&filter=${encodeURIComponent(JSON.stringify(filter))}`,
    { headers: { authorization: `Bearer ${shop.adminToken}` } },
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: { total: number } }).data.total;
};

describe('TLP', () => {
  it('partitions the rows in SQL: |P| + |NOT P| + |P IS NULL| = |all|', async () => {
    const doc = shop.cache.current().models.get('shop')!.document;
    const entity = doc.entities.find((e) => e.code === 'customer')!;
    const all = (await shop.pool.query(`SELECT count(*)::int AS n FROM shop.customer e`)).rows[0]
      .n as number;
    await fc.assert(
      fc.asyncProperty(predicate, async (p) => {
        const { sql, params } = compileFilter({ doc, entity, alias: 'e', filter: p, offset: 0 });
        const n = async (where: string) =>
          (
            await shop.pool.query(
              `SELECT count(*)::int AS n FROM shop.customer e WHERE ${where}`,
              params,
            )
          ).rows[0].n as number;
        const [yes, no, unknown] = await Promise.all([
          n(`(${sql})`),
          n(`NOT (${sql})`),
          n(`(${sql}) IS NULL`),
        ]);
        expect(yes + no + unknown).toBe(all);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('partitions the rows over HTTP: |P| + |_not P| = |all|', async () => {
    const all = await count({});
    expect(all).toBeGreaterThan(60);
    await fc.assert(
      fc.asyncProperty(predicate, async (p) => {
        const [yes, no] = await Promise.all([count(p), count({ _not: p })]);
        expect(yes + no).toBe(all);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
