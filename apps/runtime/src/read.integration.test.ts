/** Reading published entities over HTTP. */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startShopRuntime } from './test/shop-runtime';

let pool: pg.Pool;
let base: string;
let viewerToken: string;
let outsiderToken: string;
let adaId: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ pool, base, viewerToken, outsiderToken, adaId, stop } = await startShopRuntime());
});
afterAll(() => stop());

const get = (path: string, token = viewerToken) =>
  fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('reading published entities', () => {
  it('lists rows in the amis envelope, live rows only, with system fields and relation ids', async () => {
    const res = await get('/api/v1/shop/customer?page=1&perPage=10');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      status: number;
      data: { items: Record<string, unknown>[]; total: number };
    };
    expect(body.status).toBe(0);
    expect(body.data.total).toBe(2);
    expect(body.data.items.map((i) => i.name).sort()).toEqual(['Ada', 'Bob']);
    expect(Object.keys(body.data.items[0]!)).toEqual([
      'id',
      'created_at',
      'updated_at',
      'created_by',
      'updated_by',
      'version',
      'name',
      'email',
    ]);
    const orders = (await (await get('/api/v1/shop/order')).json()) as {
      data: { items: { customer: string; total: number }[] };
    };
    expect(orders.data.items).toEqual([expect.objectContaining({ customer: adaId, total: 12.5 })]);
  });

  it('pages', async () => {
    const second = (await (await get('/api/v1/shop/customer?page=2&perPage=1')).json()) as {
      data: { items: unknown[]; total: number };
    };
    expect(second.data).toMatchObject({ total: 2 });
    expect(second.data.items).toHaveLength(1);
  });

  it('gets one row by id, and 404s for unknown ids, entities and projects', async () => {
    const one = (await (await get(`/api/v1/shop/customer/${adaId}`)).json()) as {
      data: { name: string };
    };
    expect(one.data.name).toBe('Ada');
    for (const path of [
      '/api/v1/shop/customer/00000000-0000-4000-8000-000000000000',
      '/api/v1/shop/customer/not-a-uuid',
      '/api/v1/shop/nothing',
      '/api/v1/nowhere/customer',
    ]) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { status: number }).status).toBe(404);
    }
  });

  it('sorts by sort= or orderBy/orderDir, and refuses unknown fields', async () => {
    const names = async (query: string) =>
      (
        (await (await get(`/api/v1/shop/customer?${query}`)).json()) as {
          data: { items: { name: string }[] };
        }
      ).data.items.map((i) => i.name);
    expect(await names('sort=-name')).toEqual(['Bob', 'Ada']);
    expect(await names('sort=name')).toEqual(['Ada', 'Bob']);
    expect(await names('orderBy=name&orderDir=desc')).toEqual(['Bob', 'Ada']);
    const bad = await get('/api/v1/shop/customer?sort=password');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { msg: string }).msg).toBe(
      "Cannot sort customer by 'password': no such field",
    );
    expect((await get('/api/v1/shop/customer?orderBy=name&orderDir=sideways')).status).toBe(400);
  });

  it('searches text fields with keywords, taking % and _ literally', async () => {
    const search = async (entity: string, keywords: string) =>
      (
        (await (
          await get(`/api/v1/shop/${entity}?keywords=${encodeURIComponent(keywords)}`)
        ).json()) as { data: { items: { name?: string }[]; total: number } }
      ).data;
    expect((await search('customer', 'EXAMPLE.com')).items.map((i) => i.name)).toEqual(['Ada']);
    expect(await search('customer', '%')).toMatchObject({ total: 0 });
    expect(await search('customer', 'b_b')).toMatchObject({ total: 0 });
    expect(await search('order', 'anything')).toMatchObject({ total: 0 });
  });

  it('filters by field, by to-one path and by to-many _some/_none', async () => {
    const total = async (entity: string, filter: unknown) => {
      const res = await get(
        `/api/v1/shop/${entity}?filter=${encodeURIComponent(JSON.stringify(filter))}`,
      );
      expect(res.status).toBe(200);
      return ((await res.json()) as { data: { total: number } }).data.total;
    };
    expect(await total('customer', { name: { _eq: 'Ada' } })).toBe(1);
    expect(
      await total('customer', { _or: [{ name: { _eq: 'Ada' } }, { email: { _null: true } }] }),
    ).toBe(2);
    expect(
      await total('customer', { name: { _in: ['Ada', 'Zed'] }, email: { _icontains: 'EXAMPLE' } }),
    ).toBe(1);
    expect(await total('order', { customer: { name: { _eq: 'Ada' } } })).toBe(1);
    expect(await total('order', { customer: { name: { _eq: 'Bob' } } })).toBe(0);
    expect(await total('order', { customer: { _eq: adaId } })).toBe(1);
    expect(await total('customer', { orders: { _some: { total: { _gt: 10 } } } })).toBe(1);
    expect(await total('customer', { orders: { _none: { total: { _gt: 10 } } } })).toBe(1);
    expect(await total('order', { total: { _between: [12, 13] } })).toBe(1);
  });

  it('keeps |P| + |NOT P| equal to all rows, NULLs included', async () => {
    const total = async (filter: unknown) =>
      (
        (await (
          await get(`/api/v1/shop/customer?filter=${encodeURIComponent(JSON.stringify(filter))}`)
        ).json()) as { data: { total: number } }
      ).data.total;
    for (const p of [
      { email: { _eq: 'ada@example.com' } },
      { email: { _neq: 'ada@example.com' } },
      { name: { _starts_with: 'A' } },
      { email: { _nin: ['x@y.z'] } },
    ]) {
      expect((await total(p)) + (await total({ _not: p }))).toBe(2);
    }
  });

  it('refuses bad filters with 400 and a message that names the problem', async () => {
    const refuse = async (entity: string, filter: string) => {
      const res = await get(`/api/v1/shop/${entity}?filter=${encodeURIComponent(filter)}`);
      expect(res.status).toBe(400);
      return ((await res.json()) as { msg: string }).msg;
    };
    expect(await refuse('customer', '{"password":{"_eq":"x"}}')).toBe(
      "password: customer has no field 'password'",
    );
    expect(await refuse('customer', '{"__proto__":{"_eq":"x"}}')).toMatch(/no field '__proto__'/);
    expect(await refuse('order', '{"total":{"_contains":"1"}}')).toBe(
      'total._contains: only text fields support _contains',
    );
    expect(await refuse('order', '{"total":{"_eq":"abc"}}')).toBe('total._eq: Must be a number');
    expect(await refuse('order', '{"total":{"_drop":"1"}}')).toBe(
      "total._drop: unknown operator '_drop'",
    );
    expect(
      await refuse(
        'customer',
        JSON.stringify({ name: { _in: Array.from({ length: 1001 }, (_, i) => `n${i}`) } }),
      ),
    ).toMatch(/1 to 1000 values/);
    expect(
      await refuse(
        'customer',
        JSON.stringify({
          _not: { _not: { _not: { _not: { _not: { _not: { name: { _eq: 'x' } } } } } } },
        }),
      ),
    ).toMatch(/deeper than 5/);
    expect(await refuse('customer', '{"name": ')).toBe('filter is not valid JSON');
    // A hostile value is only ever a bound value.
    const hostile = await get(
      `/api/v1/shop/customer?filter=${encodeURIComponent(JSON.stringify({ name: { _eq: "x'; DROP TABLE shop.customer; --" } }))}`,
    );
    expect(hostile.status).toBe(200);
    expect(((await hostile.json()) as { data: { total: number } }).data.total).toBe(0);
    expect((await get('/api/v1/shop/customer')).status).toBe(200);
  });

  it('returns only the requested fields (system fields always), and counts as asked', async () => {
    const body = (await (await get('/api/v1/shop/customer?fields=name&count=none')).json()) as {
      data: { items: Record<string, unknown>[]; total?: number };
    };
    expect(Object.keys(body.data.items[0]!)).toEqual([
      'id',
      'created_at',
      'updated_at',
      'created_by',
      'updated_by',
      'version',
      'name',
    ]);
    expect(body.data).not.toHaveProperty('total');
    await pool.query('ANALYZE shop.customer');
    const estimated = (await (await get('/api/v1/shop/customer?count=estimated')).json()) as {
      data: { total: number };
    };
    expect(typeof estimated.data.total).toBe('number');
    const filtered = (await (
      await get(
        `/api/v1/shop/customer?count=estimated&filter=${encodeURIComponent('{"name":{"_eq":"Ada"}}')}`,
      )
    ).json()) as { data: { total: number } };
    expect(filtered.data.total).toBe(1);
    expect((await get('/api/v1/shop/customer?fields=password')).status).toBe(400);
    expect((await get('/api/v1/shop/customer?count=maybe')).status).toBe(400);
  });

  it('refuses bad paging with 400 and a message that names it', async () => {
    for (const query of ['page=0', 'page=abc', 'perPage=201', 'perPage=1;DROP']) {
      const res = await get(`/api/v1/shop/customer?${query}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { msg: string }).msg).toMatch(/page|perPage/);
    }
  });

  it('needs a signed-in caller holding data:read', async () => {
    expect((await get('/api/v1/shop/customer', '')).status).toBe(401);
    expect((await get('/api/v1/shop/customer', 'bogus.token')).status).toBe(401);
    expect((await get('/api/v1/shop/customer', outsiderToken)).status).toBe(403);
  });
});

describe('filters from forms', () => {
  const total = async (query: string) => {
    const res = await get(`/api/v1/shop/customer?${query}`);
    const body = (await res.json()) as { status: number; msg: string; data: { total: number } };
    return res.status === 200 ? body.data.total : `${res.status} ${body.msg}`;
  };

  it('reads bracketed form values as a filter, typed by field, ignoring empty controls', async () => {
    expect(await total('filter[name][_icontains]=ad')).toBe(1);
    expect(await total('filter[name][_icontains]=&filter[email][_icontains]=')).toBe(2);
    expect(await total('filter[name][_in][0]=Ada&filter[name][_in][1]=Bob')).toBe(2);
    expect(await total('filter[version][_gte]=1&filter[version][_lte]=1')).toBe(2);
    expect(await total('filter[email][_null]=true')).toBe(1);
    expect(await total('filter[_or][0][name][_eq]=Ada&filter[_or][1][name][_eq]=Bob')).toBe(2);
  });

  it("filters by a related row picked in a form (a customer's orders)", async () => {
    const orders = async (query: string) => {
      const res = await get(`/api/v1/shop/order?${query}`);
      return ((await res.json()) as { data: { total: number } }).data.total;
    };
    expect(await orders(`filter[customer][_eq]=${adaId}`)).toBe(1);
    expect(await orders(`filter[customer][_eq]=${crypto.randomUUID()}`)).toBe(0);
    expect(await orders('filter[customer][_eq]=')).toBe(1);
  });

  it('refuses what the filter language refuses, and prefers a JSON filter', async () => {
    expect(await total('filter[nope][_eq]=1')).toMatch(/^400 .*nope/);
    expect(await total('filter[version][_gte]=many')).toMatch(/^400 /);
    expect(await total('filter[__proto__][name][_eq]=x')).toBe(2);
    const json = encodeURIComponent(JSON.stringify({ name: { _eq: 'Bob' } }));
    expect(await total(`filter=${json}&filter[name][_eq]=Ada`)).toBe(1);
  });
});
