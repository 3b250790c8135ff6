/**
 * References written by a caller (a to-one key, a many-to-many list) to a row it may not read
 * are refused exactly as references to rows that do not exist, on every write path: no answer
 * tells a hidden row from a missing one.
 */
import { randomUUID } from 'node:crypto';

import { beforeAll, describe, expect, it } from 'vitest';

import { grant, mine, request, sales, useSales } from './test/sales';

useSales();

let bob: string;
let gone: string;
let tag: string;
let own: string;

beforeAll(async () => {
  // Sally reads only Ada among the customers, and no tags at all.
  await grant('customer', 'read', { name: { _eq: 'Ada' } }, ['name']);
  await grant('order', 'update', mine);
  const pool = sales.shop.pool;
  const ids = async (sql: string) => (await pool.query<{ id: string }>(sql)).rows[0]!.id;
  bob = await ids(`SELECT id FROM shop.customer WHERE name = 'Bob'`);
  gone = await ids(`SELECT id FROM shop.customer WHERE name = 'Gone'`);
  tag = await ids(`INSERT INTO shop.tag (label) VALUES ('hidden') RETURNING id`);
  const created = await request('POST', '/api/v1/shop/order', sales.sally.token, {
    total: 5,
    customer: sales.shop.adaId,
  });
  expect(created.status).toBe(200);
  own = created.body.data.id as string;
});

/** The answers to the same write naming a hidden row, a deleted one and one that never was. */
async function answers(write: (id: string) => Promise<{ status: number; body: unknown }>) {
  const seen = async (id: string) => {
    const { status, body } = await write(id);
    return { status, body };
  };
  return { hidden: await seen(bob), deleted: await seen(gone), missing: await seen(randomUUID()) };
}

describe('references to rows the caller may not read', () => {
  it('are refused on create as rows that do not exist', async () => {
    const { hidden, deleted, missing } = await answers((customer) =>
      request('POST', '/api/v1/shop/order', sales.sally.token, { total: 5, customer }),
    );
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ errors: { customer: 'No such row' } });
    expect(hidden).toEqual(missing);
    expect(deleted).toEqual(missing);
    // Many-to-many: Sally may read no tag, so no tag she names exists for her.
    const tags = await answers((id) =>
      request('POST', '/api/v1/shop/order', sales.sally.token, {
        total: 5,
        tags: [id === bob ? tag : id],
      }),
    );
    expect(tags.missing.status).toBe(422);
    expect(tags.missing.body).toMatchObject({ errors: { tags: 'No such row' } });
    expect(tags.hidden).toEqual(tags.missing);
  });

  it('are refused on update and in bulk updates as rows that do not exist', async () => {
    const single = await answers((customer) =>
      request('PUT', `/api/v1/shop/order/${own}`, sales.sally.token, { customer }),
    );
    expect(single.missing.status).toBe(422);
    expect(single.hidden).toEqual(single.missing);
    expect(single.deleted).toEqual(single.missing);
    const bulk = await answers((customer) =>
      request('POST', '/api/v1/shop/order/bulk', sales.sally.token, { ids: [own], customer }),
    );
    expect(bulk.missing.status).toBe(422);
    expect(bulk.hidden).toEqual(bulk.missing);
    const tags = await answers((id) =>
      request('PUT', `/api/v1/shop/order/${own}`, sales.sally.token, {
        tags: [id === bob ? tag : id],
      }),
    );
    expect(tags.missing.status).toBe(422);
    expect(tags.hidden).toEqual(tags.missing);
  });

  it('are refused in imports by line, as rows that do not exist', async () => {
    const { hidden, deleted, missing } = await answers(async (customer) => {
      const res = await fetch(`${sales.shop.base}/api/v1/shop/order/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sales.sally.token}`, 'content-type': 'text/csv' },
        body: `total,customer\n5,${customer}\n`,
      });
      return { status: res.status, body: await res.json() };
    });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ errors: { 'line 2': 'customer: No such row' } });
    expect(hidden).toEqual(missing);
    expect(deleted).toEqual(missing);
  });

  it('still accept rows the caller may read, and no reference at all', async () => {
    const ok = await request('POST', '/api/v1/shop/order', sales.sally.token, {
      total: 6,
      customer: sales.shop.adaId,
    });
    expect(ok.status).toBe(200);
    const none = await request('POST', '/api/v1/shop/order', sales.sally.token, {
      total: 6,
      customer: null,
    });
    expect(none.status).toBe(200);
  });
});
