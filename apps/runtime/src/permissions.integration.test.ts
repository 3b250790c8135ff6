/**
 * Data permissions managed through tRPC and enforced by the runtime: row filters with
 * $CURRENT_USER and readable and writable field lists, applied without a restart.
 */
import { describe, expect, it } from 'vitest';

import { get, grant, mine, request, sales, useSales } from './test/sales';

useSales();

describe('row filters', () => {
  it('shows each salesperson only their own orders, in lists, counts and gets', async () => {
    const created = await request('POST', '/api/v1/shop/order', sales.sally.token, {
      total: 40,
      customer: sales.shop.adaId,
    });
    expect(created.status).toBe(200);
    expect(created.body.data.created_by).toBe(sales.sally.id);
    const own = await get('/api/v1/shop/order', sales.sally.token);
    expect(own.body.data.total).toBe(1);
    expect(own.body.data.items.map((o: { id: string }) => o.id)).toEqual([created.body.data.id]);
    const other = await get('/api/v1/shop/order', sales.sam.token);
    expect(other.status).toBe(200);
    expect(other.body.data).toEqual({ items: [], total: 0 });
    expect((await get(`/api/v1/shop/order/${created.body.data.id}`, sales.sam.token)).status).toBe(
      404,
    );
    // The estimated count would reveal the table's size: under a row filter it counts exactly.
    const estimated = await get('/api/v1/shop/order?count=estimated', sales.sam.token);
    expect(estimated.body.data.total).toBe(0);
  });

  it('refuses a created row that falls outside the create filter, and writes nothing', async () => {
    const before = await sales.shop.pool.query('SELECT count(*)::int AS n FROM shop."order"');
    const refused = await request('POST', '/api/v1/shop/order', sales.sally.token, { total: 5000 });
    expect(refused.status).toBe(403);
    expect(refused.body.msg).toContain('outside what you may create');
    const after = await sales.shop.pool.query('SELECT count(*)::int AS n FROM shop."order"');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('lets an update reach only rows inside the rule and keeps them inside', async () => {
    const order = await request('POST', '/api/v1/shop/order', sales.sally.token, { total: 10 });
    expect(order.status).toBe(200);
    const id = order.body.data.id as string;
    expect(
      (await request('PUT', `/api/v1/shop/order/${id}`, sales.sally.token, { total: 20 })).status,
    ).toBe(403);
    await grant('order', 'update', { _and: [mine, { total: { _lt: 100 } }] });
    expect(
      (await request('PUT', `/api/v1/shop/order/${id}`, sales.sam.token, { total: 20 })).status,
    ).toBe(404);
    const moved = await request('PUT', `/api/v1/shop/order/${id}`, sales.sally.token, {
      total: 500,
    });
    expect(moved.status).toBe(403);
    const stored = await sales.shop.pool.query('SELECT total FROM shop."order" WHERE id = $1', [
      id,
    ]);
    expect(stored.rows[0].total).toBe('10.00');
    const fine = await request('PUT', `/api/v1/shop/order/${id}`, sales.sally.token, { total: 30 });
    expect(fine.status).toBe(200);
    expect(fine.body.data.total).toBe(30);
  });

  it('deletes only inside the delete rule', async () => {
    const order = await request('POST', '/api/v1/shop/order', sales.sam.token, { total: 1 });
    const id = order.body.data.id as string;
    expect((await request('DELETE', `/api/v1/shop/order/${id}`, sales.sam.token)).status).toBe(403);
    await grant('order', 'delete', mine);
    expect((await request('DELETE', `/api/v1/shop/order/${id}`, sales.sally.token)).status).toBe(
      404,
    );
    expect((await request('DELETE', `/api/v1/shop/order/${id}`, sales.sam.token)).status).toBe(200);
  });
});

describe('field lists', () => {
  it('returns only readable fields and treats hidden ones as absent everywhere', async () => {
    const list = await get('/api/v1/shop/customer', sales.sally.token);
    expect(list.status).toBe(200);
    const ada = list.body.data.items.find((c: { name: string }) => c.name === 'Ada');
    expect(ada).toBeDefined();
    expect(ada).not.toHaveProperty('email');
    expect(ada).toHaveProperty('id');
    expect(ada).toHaveProperty('version');
    const single = await get(`/api/v1/shop/customer/${sales.shop.adaId}`, sales.sally.token);
    expect(single.body.data).not.toHaveProperty('email');
    const filter = encodeURIComponent(JSON.stringify({ email: { _starts_with: 'ada' } }));
    const oracle = await get(`/api/v1/shop/customer?filter=${filter}`, sales.sally.token);
    expect(oracle.status).toBe(400);
    expect(oracle.body.msg).toContain("no field 'email'");
    expect((await get('/api/v1/shop/customer?orderBy=email', sales.sally.token)).status).toBe(400);
    expect((await get('/api/v1/shop/customer?fields=email', sales.sally.token)).status).toBe(400);
    const search = await get('/api/v1/shop/customer?keywords=example.com', sales.sally.token);
    expect(search.body.data.total).toBe(0);
    // The same search by someone who may read e-mails finds Ada.
    const full = await get('/api/v1/shop/customer?keywords=example.com', sales.shop.viewerToken);
    expect(full.body.data.total).toBe(1);
  });

  it('refuses paths through hidden fields and through entities the caller may not read', async () => {
    const hidden = encodeURIComponent(
      JSON.stringify({ customer: { email: { _eq: 'ada@example.com' } } }),
    );
    const refused = await get(`/api/v1/shop/order?filter=${hidden}`, sales.sally.token);
    expect(refused.status).toBe(400);
    expect(refused.body.msg).toContain("no field 'email'");
    const visible = encodeURIComponent(JSON.stringify({ customer: { name: { _eq: 'Ada' } } }));
    expect((await get(`/api/v1/shop/order?filter=${visible}`, sales.sally.token)).status).toBe(200);
    // Customers' orders through the inverse path only count the caller's own orders.
    const some = encodeURIComponent(JSON.stringify({ orders: { _some: { total: { _gt: 0 } } } }));
    const viaSam = await get(`/api/v1/shop/customer?filter=${some}`, sales.sam.token);
    expect(viaSam.body.data.total).toBe(0);
    const viaSally = await get(`/api/v1/shop/customer?filter=${some}`, sales.sally.token);
    expect(viaSally.body.data.total).toBe(1);
  });

  it("applies the related entity's fields and rows to expansions", async () => {
    const res = await get('/api/v1/shop/order?expand=customer', sales.sally.token);
    expect(res.status).toBe(200);
    const expanded = res.body.data.items.find((o: { customer: unknown }) => o.customer);
    expect(expanded.customer.name).toBe('Ada');
    expect(expanded.customer).not.toHaveProperty('email');
    expect(expanded).not.toHaveProperty('tags');
    const tags = await get('/api/v1/shop/order?expand=tags', sales.sally.token);
    expect(tags.status).toBe(400);
    expect(tags.body.msg).toContain("no relation 'tags'");
    // A customer's orders, expanded, are only the caller's own.
    const viaSam = await get(
      `/api/v1/shop/customer/${sales.shop.adaId}?expand=orders`,
      sales.sam.token,
    );
    expect(viaSam.body.data.orders).toEqual([]);
    const viaSally = await get(
      `/api/v1/shop/customer/${sales.shop.adaId}?expand=orders`,
      sales.sally.token,
    );
    expect(viaSally.body.data.orders.length).toBeGreaterThan(0);
    expect(viaSally.body.data.orders[0]).not.toHaveProperty('tags');
  });

  it('writes only writable fields', async () => {
    await grant('customer', 'create', null, ['name']);
    const created = await request('POST', '/api/v1/shop/customer', sales.sally.token, {
      name: 'Cy',
      email: 'cy@example.com',
    });
    expect(created.status).toBe(200);
    const stored = await sales.shop.pool.query('SELECT email FROM shop.customer WHERE id = $1', [
      created.body.data.id,
    ]);
    expect(stored.rows[0].email).toBeNull();
  });
});
