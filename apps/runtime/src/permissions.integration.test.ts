/**
 * Data permissions managed through tRPC and enforced by the runtime: row filters with
 * $CURRENT_USER, readable and writable field lists, the filter oracle, API token scopes, and
 * changes that apply without a restart.
 */
import { createApiToken, createSession } from '@tessera/auth';
import { callerAs, seedUser, testServices } from '@tessera/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openStream } from './test/sse';
import { type ShopRuntime, startShopRuntime } from './test/shop-runtime';

let shop: ShopRuntime;
let admin: Awaited<ReturnType<typeof callerAs>>['caller'];
let salesRoleId: string;
let sally: { id: string; token: string };
let sam: { id: string; token: string };

const request = async (method: string, path: string, token: string, body?: unknown) => {
  const res = await fetch(`${shop.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};
const get = (path: string, token: string) => request('GET', path, token);

/** Runs a permission change and waits until the runtime has loaded it. */
async function change<T>(action: () => Promise<T>): Promise<T> {
  const reloaded = new Promise((resolve) => shop.cache.once('reload', resolve));
  const result = await action();
  await reloaded;
  return result;
}

const grant = (
  entity: string,
  action: 'read' | 'create' | 'update' | 'delete',
  rowFilter: Record<string, unknown> | null = null,
  fields: string[] | null = null,
) =>
  change(() =>
    admin.dataPermission.set({
      project: 'shop',
      roleId: salesRoleId,
      entity,
      action,
      rowFilter,
      fields,
    }),
  );

const mine = { created_by: { _eq: '$CURRENT_USER' } };

beforeAll(async () => {
  shop = await startShopRuntime();
  const services = testServices(shop.t.db);
  ({ caller: admin } = await callerAs(services, ['admin']));
  const role = await admin.role.create({ code: 'sales', name: 'Sales', permissions: [] });
  salesRoleId = role.id;
  for (const who of ['sally', 'sam'] as const) {
    const user = await seedUser(shop.t.db, ['sales'], { email: `${who}@example.com` });
    const { token } = await createSession({ db: shop.t.db }, user.id);
    if (who === 'sally') sally = { id: user.id, token };
    else sam = { id: user.id, token };
  }
  await grant('order', 'read', mine, ['total', 'customer']);
  await grant('order', 'create', { total: { _lt: 1000 } });
  await grant('customer', 'read', null, ['name']);
}, 60_000);

afterAll(async () => {
  await shop?.stop();
});

describe('row filters', () => {
  it('shows each salesperson only their own orders, in lists, counts and gets', async () => {
    const created = await request('POST', '/api/v1/shop/order', sally.token, {
      total: 40,
      customer: shop.adaId,
    });
    expect(created.status).toBe(200);
    expect(created.body.data.created_by).toBe(sally.id);
    const own = await get('/api/v1/shop/order', sally.token);
    expect(own.body.data.total).toBe(1);
    expect(own.body.data.items.map((o: { id: string }) => o.id)).toEqual([created.body.data.id]);
    const other = await get('/api/v1/shop/order', sam.token);
    expect(other.status).toBe(200);
    expect(other.body.data).toEqual({ items: [], total: 0 });
    expect((await get(`/api/v1/shop/order/${created.body.data.id}`, sam.token)).status).toBe(404);
    // The estimated count would reveal the table's size: under a row filter it counts exactly.
    const estimated = await get('/api/v1/shop/order?count=estimated', sam.token);
    expect(estimated.body.data.total).toBe(0);
  });

  it('refuses a created row that falls outside the create filter, and writes nothing', async () => {
    const before = await shop.pool.query('SELECT count(*)::int AS n FROM shop."order"');
    const refused = await request('POST', '/api/v1/shop/order', sally.token, { total: 5000 });
    expect(refused.status).toBe(403);
    expect(refused.body.msg).toContain('outside what you may create');
    const after = await shop.pool.query('SELECT count(*)::int AS n FROM shop."order"');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('lets an update reach only rows inside the rule and keeps them inside', async () => {
    const order = await request('POST', '/api/v1/shop/order', sally.token, { total: 10 });
    expect(order.status).toBe(200);
    const id = order.body.data.id as string;
    expect(
      (await request('PUT', `/api/v1/shop/order/${id}`, sally.token, { total: 20 })).status,
    ).toBe(403);
    await grant('order', 'update', { _and: [mine, { total: { _lt: 100 } }] });
    expect(
      (await request('PUT', `/api/v1/shop/order/${id}`, sam.token, { total: 20 })).status,
    ).toBe(404);
    const moved = await request('PUT', `/api/v1/shop/order/${id}`, sally.token, { total: 500 });
    expect(moved.status).toBe(403);
    const stored = await shop.pool.query('SELECT total FROM shop."order" WHERE id = $1', [id]);
    expect(stored.rows[0].total).toBe('10.00');
    const fine = await request('PUT', `/api/v1/shop/order/${id}`, sally.token, { total: 30 });
    expect(fine.status).toBe(200);
    expect(fine.body.data.total).toBe(30);
  });

  it('deletes only inside the delete rule', async () => {
    const order = await request('POST', '/api/v1/shop/order', sam.token, { total: 1 });
    const id = order.body.data.id as string;
    expect((await request('DELETE', `/api/v1/shop/order/${id}`, sam.token)).status).toBe(403);
    await grant('order', 'delete', mine);
    expect((await request('DELETE', `/api/v1/shop/order/${id}`, sally.token)).status).toBe(404);
    expect((await request('DELETE', `/api/v1/shop/order/${id}`, sam.token)).status).toBe(200);
  });
});

describe('field lists', () => {
  it('returns only readable fields and treats hidden ones as absent everywhere', async () => {
    const list = await get('/api/v1/shop/customer', sally.token);
    expect(list.status).toBe(200);
    const ada = list.body.data.items.find((c: { name: string }) => c.name === 'Ada');
    expect(ada).toBeDefined();
    expect(ada).not.toHaveProperty('email');
    expect(ada).toHaveProperty('id');
    expect(ada).toHaveProperty('version');
    const single = await get(`/api/v1/shop/customer/${shop.adaId}`, sally.token);
    expect(single.body.data).not.toHaveProperty('email');
    const filter = encodeURIComponent(JSON.stringify({ email: { _starts_with: 'ada' } }));
    const oracle = await get(`/api/v1/shop/customer?filter=${filter}`, sally.token);
    expect(oracle.status).toBe(400);
    expect(oracle.body.msg).toContain("no field 'email'");
    expect((await get('/api/v1/shop/customer?orderBy=email', sally.token)).status).toBe(400);
    expect((await get('/api/v1/shop/customer?fields=email', sally.token)).status).toBe(400);
    const search = await get('/api/v1/shop/customer?keywords=example.com', sally.token);
    expect(search.body.data.total).toBe(0);
    // The same search by someone who may read e-mails finds Ada.
    const full = await get('/api/v1/shop/customer?keywords=example.com', shop.viewerToken);
    expect(full.body.data.total).toBe(1);
  });

  it('refuses paths through hidden fields and through entities the caller may not read', async () => {
    const hidden = encodeURIComponent(
      JSON.stringify({ customer: { email: { _eq: 'ada@example.com' } } }),
    );
    const refused = await get(`/api/v1/shop/order?filter=${hidden}`, sally.token);
    expect(refused.status).toBe(400);
    expect(refused.body.msg).toContain("no field 'email'");
    const visible = encodeURIComponent(JSON.stringify({ customer: { name: { _eq: 'Ada' } } }));
    expect((await get(`/api/v1/shop/order?filter=${visible}`, sally.token)).status).toBe(200);
    // Customers' orders through the inverse path only count the caller's own orders.
    const some = encodeURIComponent(JSON.stringify({ orders: { _some: { total: { _gt: 0 } } } }));
    const viaSam = await get(`/api/v1/shop/customer?filter=${some}`, sam.token);
    expect(viaSam.body.data.total).toBe(0);
    const viaSally = await get(`/api/v1/shop/customer?filter=${some}`, sally.token);
    expect(viaSally.body.data.total).toBe(1);
  });

  it("applies the related entity's fields and rows to expansions", async () => {
    const res = await get('/api/v1/shop/order?expand=customer', sally.token);
    expect(res.status).toBe(200);
    const expanded = res.body.data.items.find((o: { customer: unknown }) => o.customer);
    expect(expanded.customer.name).toBe('Ada');
    expect(expanded.customer).not.toHaveProperty('email');
    expect(expanded).not.toHaveProperty('tags');
    const tags = await get('/api/v1/shop/order?expand=tags', sally.token);
    expect(tags.status).toBe(400);
    expect(tags.body.msg).toContain("no relation 'tags'");
    // A customer's orders, expanded, are only the caller's own.
    const viaSam = await get(`/api/v1/shop/customer/${shop.adaId}?expand=orders`, sam.token);
    expect(viaSam.body.data.orders).toEqual([]);
    const viaSally = await get(`/api/v1/shop/customer/${shop.adaId}?expand=orders`, sally.token);
    expect(viaSally.body.data.orders.length).toBeGreaterThan(0);
    expect(viaSally.body.data.orders[0]).not.toHaveProperty('tags');
  });

  it('writes only writable fields', async () => {
    await grant('customer', 'create', null, ['name']);
    const created = await request('POST', '/api/v1/shop/customer', sally.token, {
      name: 'Cy',
      email: 'cy@example.com',
    });
    expect(created.status).toBe(200);
    const stored = await shop.pool.query('SELECT email FROM shop.customer WHERE id = $1', [
      created.body.data.id,
    ]);
    expect(stored.rows[0].email).toBeNull();
  });
});

describe('every other path', () => {
  it('limits exports, aggregates, bulk deletes, bulk updates and imports the same way', async () => {
    const own = await get('/api/v1/shop/order?count=exact', sally.token);
    const csv = await fetch(`${shop.base}/api/v1/shop/order/export`, {
      headers: { authorization: `Bearer ${sally.token}` },
    });
    const lines = (await csv.text()).trim().split('\n');
    expect(lines.length - 1).toBe(own.body.data.total);
    expect(lines[0]).not.toContain('tags');
    const hidden = await get('/api/v1/shop/order/export?fields=customer.email', sally.token);
    expect(hidden.status).toBe(400);

    const counted = await get('/api/v1/shop/order/aggregate?count=*', sally.token);
    expect(counted.body.data.items).toEqual([{ count: own.body.data.total }]);
    expect(
      (await get('/api/v1/shop/customer/aggregate?groupBy=email&count=*', sally.token)).status,
    ).toBe(400);

    const sallys = own.body.data.items[0].id as string;
    const bulkDelete = await request('DELETE', `/api/v1/shop/order?ids=${sallys}`, sam.token);
    expect(bulkDelete.body.data.count).toBe(0);
    const bulkUpdate = await request('POST', '/api/v1/shop/order/bulk', sam.token, {
      ids: [sallys],
      total: 1,
    });
    expect(bulkUpdate.status).toBe(404);

    const imported = await fetch(`${shop.base}/api/v1/shop/customer/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sally.token}`, 'content-type': 'text/csv' },
      body: 'name,email\nEve,eve@example.com\n',
    });
    expect(imported.status).toBe(400);
    expect(((await imported.json()) as { msg: string }).msg).toContain("Column 'email'");
  });
});

describe('the change stream', () => {
  it('shows a subscriber only the changed rows and fields it may read', async () => {
    const stream = await openStream(`${shop.base}/api/v1/shop/changes?entities=order`, sally.token);
    await request('POST', '/api/v1/shop/order', sam.token, { total: 3 });
    const own = await request('POST', '/api/v1/shop/order', sally.token, { total: 4 });
    const [event] = await stream.next(1);
    expect(event!.data.ids).toEqual([own.body.data.id]);
    expect(event!.data.rows[0]).not.toHaveProperty('tags');
    await new Promise((r) => setTimeout(r, 200));
    expect(stream.events).toHaveLength(1);
    stream.close();
  });
});

describe('management', () => {
  it('applies a removed permission to the next request after the notification', async () => {
    const list = await admin.dataPermission.list({ project: 'shop', roleId: salesRoleId });
    const readCustomers = list.permissions.find(
      (p) => p.entity === 'customer' && p.action === 'read',
    )!;
    expect(readCustomers.fields).toEqual(['name']);
    await change(() => admin.dataPermission.remove({ id: readCustomers.id }));
    expect((await get('/api/v1/shop/customer', sally.token)).status).toBe(403);
    await grant('customer', 'read', null, ['name']);
    expect((await get('/api/v1/shop/customer', sally.token)).status).toBe(200);
    const { items } = await admin.audit.list({ resource: 'data_permission', limit: 100 });
    const actions = items.map((i) => i.action);
    expect(actions).toContain('data_permission.remove');
    expect(actions).toContain('data_permission.set');
  });

  it('validates fields and row filters against the model', async () => {
    const base = { project: 'shop', roleId: salesRoleId, entity: 'order', action: 'read' as const };
    await expect(
      admin.dataPermission.set({ ...base, rowFilter: null, fields: ['nope'] }),
    ).rejects.toThrow("no field 'nope'");
    await expect(
      admin.dataPermission.set({ ...base, rowFilter: { total: { _like: 1 } }, fields: null }),
    ).rejects.toThrow("unknown operator '_like'");
    await expect(
      admin.dataPermission.set({ ...base, entity: 'ghost', rowFilter: null, fields: null }),
    ).rejects.toThrow("No entity 'ghost'");
    const { caller: viewer } = await callerAs(testServices(shop.t.db), ['viewer']);
    await expect(
      viewer.dataPermission.set({ ...base, rowFilter: null, fields: null }),
    ).rejects.toThrow(/role:update/);
  });

  it('fails closed when a stored rule no longer fits the model', async () => {
    await change(() =>
      shop.pool.query(
        `UPDATE data_permissions SET row_filter = '{"vanished":{"_eq":1}}' WHERE entity = 'order' AND action = 'read';
         SELECT pg_notify('tessera_metadata', '{}')`,
      ),
    );
    const res = await get('/api/v1/shop/order', sally.token);
    expect(res.status).toBe(403);
    expect(res.body.msg).toContain('permission rule on order is invalid');
    await grant('order', 'read', mine, ['total', 'customer']);
  });

  it('lets an API token reach data only within its data scopes', async () => {
    const narrow = await createApiToken(shop.t.db, {
      userId: sally.id,
      name: 'n',
      scopes: [],
      expiresAt: null,
    });
    expect((await get('/api/v1/shop/order', narrow.token)).status).toBe(403);
    const scoped = await createApiToken(shop.t.db, {
      userId: sally.id,
      name: 's',
      scopes: ['data:read'],
      expiresAt: null,
    });
    const res = await get('/api/v1/shop/order', scoped.token);
    expect(res.status).toBe(200);
    expect(
      res.body.data.items.every((o: { created_by: string }) => o.created_by === sally.id),
    ).toBe(true);
  });
});
