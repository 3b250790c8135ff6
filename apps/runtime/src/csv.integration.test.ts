/** CSV export (streamed, same filters and permissions as the list), import (all or nothing), aggregates. */
import { q } from '@tessera/contract';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';

import { useShopRuntime } from './test/shop-runtime';

const auth = (token?: string) => ({ authorization: `Bearer ${token ?? shop.adminToken}` });
const getJson = async (path: string, token?: string) => {
  const res = await fetch(`${shop.base}${path}`, { headers: auth(token) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};
const importCsv = async (csv: string, init: { multipart?: boolean; token?: string } = {}) => {
  let body: string | FormData = csv;
  const headers: Record<string, string> = auth(init.token);
  if (init.multipart) {
    const form = new FormData();
    form.set('file', new Blob([csv], { type: 'text/csv' }), 'customers.csv');
    body = form;
  } else headers['content-type'] = 'text/csv';
  const res = await fetch(`${shop.base}/api/v1/shop/customer/import`, {
    method: 'POST',
    headers,
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

const shop = useShopRuntime();
beforeAll(async () => {
  await shop.pool.query(
    `INSERT INTO shop."order" (total, customer) SELECT i, $1 FROM generate_series(1, 2500) i`,
    [shop.adaId],
  );
}, 60_000);

describe('export', () => {
  it('streams every matching row as CSV with the fields asked for', async () => {
    const res = await fetch(
      `${shop.base}/api/v1/shop/order/export?format=csv&fields=total,customer&filter=${q({ total: { _gt: 100 } })}&sort=-total`,
      { headers: auth() },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('order.csv');
    const rows = parse<Record<string, string>>(await res.text(), { columns: true });
    expect(rows.length).toBe(2400);
    expect(rows[0]).toMatchObject({ total: '2500', customer: shop.adaId });
    expect(Object.keys(rows[0]!)).toContain('id');
    expect(rows.at(-1)!.total).toBe('101');
  });

  it('applies the same refusals as a list', async () => {
    expect((await getJson('/api/v1/shop/order/export?format=xlsx')).status).toBe(400);
    expect(
      (await getJson(`/api/v1/shop/order/export?filter=${q({ nope: { _eq: 1 } })}`)).status,
    ).toBe(400);
    expect((await getJson('/api/v1/shop/order/export', shop.outsiderToken)).status).toBe(403);
  });
});

describe('import', () => {
  it('creates every row of a clean file, in one go', async () => {
    const res = await importCsv('name,email\nImp One,one@example.com\n"Imp, Two",\n');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ created: 2 });
    const { rows } = await shop.pool.query(
      `SELECT name, email FROM shop.customer WHERE name LIKE 'Imp%' ORDER BY name`,
    );
    expect(rows).toEqual([
      { name: 'Imp One', email: 'one@example.com' },
      { name: 'Imp, Two', email: null },
    ]);
  });

  it('reports every bad line and imports nothing', async () => {
    const res = await importCsv(
      'name,email\nGood,g@example.com\nBad,not-an-email\n' + 'x'.repeat(101) + ',\n',
    );
    expect(res.status).toBe(422);
    expect(res.body.msg).toContain('2 lines need attention; nothing was imported');
    expect(Object.keys(res.body.errors)).toEqual(['line 3', 'line 4']);
    expect(res.body.errors['line 3']).toContain('email');
    const { rows } = await shop.pool.query(
      `SELECT count(*)::int AS n FROM shop.customer WHERE name = 'Good'`,
    );
    expect(rows[0].n).toBe(0);
  });

  it('accepts amis uploads and refuses columns it may not write', async () => {
    const res = await importCsv('name\nUploaded\n', { multipart: true });
    expect(res.status).toBe(200);
    const unknown = await importCsv('name,password\nX,secret\n');
    expect(unknown.status).toBe(400);
    expect(unknown.body.msg).toContain("Column 'password'");
    expect((await importCsv('name\nX\n', { token: shop.viewerToken })).status).toBe(403);
    expect((await importCsv('name\n')).status).toBe(400);
  });

  it('round-trips an export of the same entity (system columns are ignored)', async () => {
    const exported = await (
      await fetch(`${shop.base}/api/v1/shop/tag/export`, { headers: auth() })
    ).text();
    expect(exported.split('\n')[0]).toContain('label');
    await fetch(`${shop.base}/api/v1/shop/tag`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ label: 'green' }),
    });
    const again = await (
      await fetch(`${shop.base}/api/v1/shop/tag/export`, { headers: auth() })
    ).text();
    const res = await fetch(`${shop.base}/api/v1/shop/tag/import`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'text/csv' },
      body: again,
    });
    expect(res.status).toBe(200);
    const { rows } = await shop.pool.query(`SELECT label FROM shop.tag ORDER BY label`);
    expect(rows).toEqual([{ label: 'green' }, { label: 'green' }]);
  });
});

describe('aggregate', () => {
  it('counts and sums per group under the filter', async () => {
    const res = await getJson(
      `/api/v1/shop/order/aggregate?groupBy=customer&count=*&sum=total&max=total&filter=${q({ total: { _lte: 12.5 } })}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.data.items).toEqual([
      { customer: shop.adaId, count: 13, sum: { total: 90.5 }, max: { total: 12.5 } },
    ]);
    const all = await getJson('/api/v1/shop/order/aggregate?count=*');
    expect(all.body.data.items).toEqual([{ count: 2501 }]);
  });

  it('names what cannot be aggregated', async () => {
    const text = await getJson('/api/v1/shop/customer/aggregate?sum=name');
    expect(text.status).toBe(400);
    expect(text.body.msg).toBe('sum: name is string, which cannot be summed');
    expect((await getJson('/api/v1/shop/customer/aggregate?groupBy=nope&count=*')).status).toBe(
      400,
    );
    expect((await getJson('/api/v1/shop/customer/aggregate?groupBy=name')).status).toBe(400);
  });
});
