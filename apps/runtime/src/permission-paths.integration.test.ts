/**
 * Data permissions on every other path to the data (paths, expansions, aggregates, bulk,
 * import, API token scopes), on the change stream, and managed through tRPC.
 */
import { createApiToken } from '@tessera/auth';
import { callerAs, testServices } from '@tessera/api/testing';
import { describe, expect, it } from 'vitest';

import { openStream } from './test/sse';
import { change, get, grant, mine, request, sales, useSales } from './test/sales';

useSales();

describe('every other path', () => {
  it('limits exports, aggregates, bulk deletes, bulk updates and imports the same way', async () => {
    // The grants the row filter and field list tests build up, and a row of Sally's.
    await grant('order', 'update', { _and: [mine, { total: { _lt: 100 } }] });
    await grant('order', 'delete', mine);
    await grant('customer', 'create', null, ['name']);
    await request('POST', '/api/v1/shop/order', sales.sally.token, {
      total: 40,
      customer: sales.shop.adaId,
    });
    const own = await get('/api/v1/shop/order?count=exact', sales.sally.token);
    const csv = await fetch(`${sales.shop.base}/api/v1/shop/order/export`, {
      headers: { authorization: `Bearer ${sales.sally.token}` },
    });
    const lines = (await csv.text()).trim().split('\n');
    expect(lines.length - 1).toBe(own.body.data.total);
    expect(lines[0]).not.toContain('tags');
    const hidden = await get('/api/v1/shop/order/export?fields=customer.email', sales.sally.token);
    expect(hidden.status).toBe(400);

    const counted = await get('/api/v1/shop/order/aggregate?count=*', sales.sally.token);
    expect(counted.body.data.items).toEqual([{ count: own.body.data.total }]);
    expect(
      (await get('/api/v1/shop/customer/aggregate?groupBy=email&count=*', sales.sally.token))
        .status,
    ).toBe(400);

    const sallys = own.body.data.items[0].id as string;
    const bulkDelete = await request('DELETE', `/api/v1/shop/order?ids=${sallys}`, sales.sam.token);
    expect(bulkDelete.body.data.count).toBe(0);
    const bulkUpdate = await request('POST', '/api/v1/shop/order/bulk', sales.sam.token, {
      ids: [sallys],
      total: 1,
    });
    expect(bulkUpdate.status).toBe(404);

    const imported = await fetch(`${sales.shop.base}/api/v1/shop/customer/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sales.sally.token}`, 'content-type': 'text/csv' },
      body: 'name,email\nEve,eve@example.com\n',
    });
    expect(imported.status).toBe(400);
    expect(((await imported.json()) as { msg: string }).msg).toContain("Column 'email'");
  });
});

describe('the OpenAPI document', () => {
  it('shows each caller its readable fields, and input schemas only for writes it may make', async () => {
    await grant('customer', 'create', null, ['name']);
    const res = await fetch(`${sales.shop.base}/api/v1/shop/openapi.json`, {
      headers: { authorization: `Bearer ${sales.sally.token}` },
    });
    const doc = (await res.json()) as {
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    const { schemas } = doc.components;
    // Customers she reads by name and creates with a name only, and never updates.
    expect(Object.keys(schemas.Customer!.properties)).toContain('name');
    expect(schemas.Customer!.properties).not.toHaveProperty('email');
    expect(Object.keys(schemas.CustomerInput!.properties)).toEqual(['name']);
    expect(schemas).not.toHaveProperty('CustomerUpdate');
    // Orders she reads in part and creates in full.
    expect(schemas.Order!.properties).not.toHaveProperty('tags');
    expect(schemas.OrderInput!.properties).toHaveProperty('tags');
    expect(schemas).not.toHaveProperty('TagInput');
  });
});

describe('the change stream', () => {
  it('shows a subscriber only the changed rows and fields it may read', async () => {
    const stream = await openStream(
      `${sales.shop.base}/api/v1/shop/changes?entities=order`,
      sales.sally.token,
    );
    await request('POST', '/api/v1/shop/order', sales.sam.token, { total: 3 });
    const own = await request('POST', '/api/v1/shop/order', sales.sally.token, { total: 4 });
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
    const list = await sales.admin.dataPermission.list({
      project: 'shop',
      roleId: sales.salesRoleId,
    });
    const readCustomers = list.permissions.find(
      (p) => p.entity === 'customer' && p.action === 'read',
    )!;
    expect(readCustomers.fields).toEqual(['name']);
    await change(() => sales.admin.dataPermission.remove({ id: readCustomers.id }));
    expect((await get('/api/v1/shop/customer', sales.sally.token)).status).toBe(403);
    await grant('customer', 'read', null, ['name']);
    expect((await get('/api/v1/shop/customer', sales.sally.token)).status).toBe(200);
    const { items } = await sales.admin.audit.list({ resource: 'data_permission', limit: 100 });
    const actions = items.map((i) => i.action);
    expect(actions).toContain('data_permission.remove');
    expect(actions).toContain('data_permission.set');
  });

  it('validates fields and row filters against the model', async () => {
    const base = {
      project: 'shop',
      roleId: sales.salesRoleId,
      entity: 'order',
      action: 'read' as const,
    };
    await expect(
      sales.admin.dataPermission.set({ ...base, rowFilter: null, fields: ['nope'] }),
    ).rejects.toThrow("no field 'nope'");
    await expect(
      sales.admin.dataPermission.set({ ...base, rowFilter: { total: { _like: 1 } }, fields: null }),
    ).rejects.toThrow("unknown operator '_like'");
    await expect(
      sales.admin.dataPermission.set({ ...base, entity: 'ghost', rowFilter: null, fields: null }),
    ).rejects.toThrow("No entity 'ghost'");
    const { caller: viewer } = await callerAs(testServices(sales.shop.t.db), ['viewer']);
    await expect(
      viewer.dataPermission.set({ ...base, rowFilter: null, fields: null }),
    ).rejects.toThrow(/role:update/);
  });

  it('fails closed when a stored rule no longer fits the model', async () => {
    await change(() =>
      sales.shop.pool.query(
        `UPDATE data_permissions SET row_filter = '{"vanished":{"_eq":1}}' WHERE entity = 'order' AND action = 'read';
         SELECT pg_notify('tessera_metadata', '{}')`,
      ),
    );
    const res = await get('/api/v1/shop/order', sales.sally.token);
    expect(res.status).toBe(403);
    expect(res.body.msg).toContain('permission rule on order is invalid');
    await grant('order', 'read', mine, ['total', 'customer']);
  });

  it('lets an API token reach data only within its data scopes', async () => {
    const narrow = await createApiToken(sales.shop.t.db, {
      userId: sales.sally.id,
      name: 'n',
      scopes: [],
      expiresAt: null,
    });
    expect((await get('/api/v1/shop/order', narrow.token)).status).toBe(403);
    const scoped = await createApiToken(sales.shop.t.db, {
      userId: sales.sally.id,
      name: 's',
      scopes: ['data:read'],
      expiresAt: null,
    });
    const res = await get('/api/v1/shop/order', scoped.token);
    expect(res.status).toBe(200);
    expect(
      res.body.data.items.every((o: { created_by: string }) => o.created_by === sales.sally.id),
    ).toBe(true);
  });
});
