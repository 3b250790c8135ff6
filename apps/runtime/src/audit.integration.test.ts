/** Every data write leaves its trace in the audit log, inside the same statement. */
import { describe, expect, it } from 'vitest';

import { callerAs, testServices } from '@tessera/api/testing';

import { useShopRuntime } from './test/shop-runtime';

const shop = useShopRuntime();

const call = (method: string, path: string, body?: unknown, requestId?: string) =>
  fetch(`${shop.base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${shop.adminToken}`,
      'content-type': 'application/json',
      ...(requestId ? { 'x-request-id': requestId } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

interface Entry {
  action: string;
  resource: string;
  resource_id: string;
  actor_email: string | null;
  request_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const entries = async (resourceId: string) =>
  (
    await shop.pool.query<Entry>(
      `SELECT action, resource, resource_id, actor_email, request_id, before, after
         FROM audit_log WHERE resource_id = $1 ORDER BY id`,
      [resourceId],
    )
  ).rows;

describe('the data audit trail', () => {
  it('records create, update and delete with who, the request and the values before and after', async () => {
    const created = await call('POST', '/api/v1/shop/customer', { name: 'Cy' }, 'audit-create-1');
    const { id, version } = ((await created.json()) as { data: { id: string; version: number } })
      .data;
    await call('PUT', `/api/v1/shop/customer/${id}`, { name: 'Cyd', version }, 'audit-update-1');
    await call('DELETE', `/api/v1/shop/customer/${id}`, undefined, 'audit-delete-1');
    const [create, update, remove, ...rest] = await entries(id);
    expect(rest).toEqual([]);
    expect(create).toMatchObject({
      action: 'data.create',
      resource: 'shop.customer',
      actor_email: 'a@example.com',
      request_id: 'audit-create-1',
      before: null,
      after: expect.objectContaining({ id, name: 'Cy', version: 1 }),
    });
    expect(update).toMatchObject({
      action: 'data.update',
      request_id: 'audit-update-1',
      before: expect.objectContaining({ name: 'Cy', version: 1 }),
      after: expect.objectContaining({ name: 'Cyd', version: 2 }),
    });
    // A soft delete keeps the row: the trail holds it as it was deleted.
    expect(remove).toMatchObject({
      action: 'data.delete',
      request_id: 'audit-delete-1',
      before: expect.objectContaining({ name: 'Cyd' }),
      after: null,
    });
  });

  it('records nothing for a write that was refused', async () => {
    const created = await call('POST', '/api/v1/shop/customer', { name: 'Di' });
    const { id } = ((await created.json()) as { data: { id: string } }).data;
    const stale = await call('PUT', `/api/v1/shop/customer/${id}`, { name: 'X', version: 7 });
    expect(stale.status).toBe(409);
    const bad = await call('POST', '/api/v1/shop/customer', { name: 'x'.repeat(101) });
    expect(bad.status).toBe(422);
    expect((await entries(id)).map((e) => e.action)).toEqual(['data.create']);
  });

  it('records each row of a bulk delete, and of a bulk update, under one request id', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await call('POST', '/api/v1/shop/order', { total: 1, customer: shop.adaId });
      ids.push(((await res.json()) as { data: { id: string } }).data.id);
    }
    const bulk = await call(
      'POST',
      '/api/v1/shop/order/bulk',
      { ids: ids.join(','), total: 5 },
      'audit-bulk-1',
    );
    expect(bulk.status).toBe(200);
    const removed = await call(
      'DELETE',
      `/api/v1/shop/order?ids=${ids.join(',')}`,
      undefined,
      'audit-bulk-2',
    );
    expect(removed.status).toBe(200);
    for (const id of ids) {
      const trail = await entries(id);
      expect(trail.map((e) => [e.action, e.request_id])).toEqual([
        ['data.create', expect.any(String)],
        ['data.update', 'audit-bulk-1'],
        ['data.delete', 'audit-bulk-2'],
      ]);
      expect(trail[1]!.after).toMatchObject({ total: 5 });
    }
  });

  it('can be turned off for a project in the configuration, and on again', async () => {
    const { caller: admin } = await callerAs(testServices(shop.t.db), ['admin']);
    await expect(
      admin.config.set({ key: 'runtime.audit.shop', type: 'string', value: 'no' }),
    ).rejects.toThrow('true or false');
    const trailOfNewCustomer = async () => {
      const res = await call('POST', '/api/v1/shop/customer', { name: 'Quiet' });
      return entries(((await res.json()) as { data: { id: string } }).data.id);
    };
    const settle = async (audited: boolean) => {
      // The runtime reloads its settings when the change is announced.
      for (let i = 0; i < 50; i++) {
        if ((await trailOfNewCustomer()).length === (audited ? 1 : 0)) return true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    };
    await admin.config.set({ key: 'runtime.audit.shop', type: 'boolean', value: false });
    expect(await settle(false)).toBe(true);
    await admin.config.set({ key: 'runtime.audit.shop', type: 'boolean', value: true });
    expect(await settle(true)).toBe(true);
  });
});
