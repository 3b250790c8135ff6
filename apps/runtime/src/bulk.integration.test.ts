/** amis's bulk paths: DELETE ?ids=, and POST /bulk for quickSave and bulk update by ids. */
import { client } from '@tessera/contract';
import { describe, expect, it } from 'vitest';

import { useShopRuntime } from './test/shop-runtime';

const call = (method: string, path: string, body?: unknown, token?: string) =>
  client(shop.base)(method, path, { token: token ?? shop.adminToken, body });
const newCustomers = async (...names: string[]) => {
  const ids: string[] = [];
  for (const name of names)
    ids.push((await call('POST', '/api/v1/shop/customer', { name })).body.data.id);
  return ids;
};

const shop = useShopRuntime();

describe('bulk delete', () => {
  it('deletes the selected rows (softly here) and says which', async () => {
    const [a, b] = await newCustomers('Del A', 'Del B');
    const res = await call('DELETE', `/api/v1/shop/customer?ids=${a},${b}`);
    expect(res.status).toBe(200);
    expect(res.body.data.count).toBe(2);
    expect([...res.body.data.ids].sort()).toEqual([a, b].sort());
    const { rows } = await shop.pool.query(
      'SELECT count(*)::int AS n FROM shop.customer WHERE id = ANY($1) AND deleted_at IS NOT NULL',
      [[a, b]],
    );
    expect(rows[0].n).toBe(2);
  });

  it('refuses an empty or malformed selection', async () => {
    expect((await call('DELETE', '/api/v1/shop/customer')).status).toBe(400);
    expect((await call('DELETE', '/api/v1/shop/customer?ids=')).status).toBe(400);
    const bad = await call('DELETE', '/api/v1/shop/customer?ids=1;DROP');
    expect(bad.status).toBe(400);
    expect(bad.body.msg).toContain('is not an id');
  });

  it('needs the delete permission', async () => {
    const [a] = await newCustomers('Kept');
    const res = await call('DELETE', `/api/v1/shop/customer?ids=${a}`, undefined, shop.viewerToken);
    expect(res.status).toBe(403);
  });
});

describe('POST /bulk', () => {
  it('applies amis quickSave rows with their diffs, checking each version', async () => {
    const [a, b] = await newCustomers('Quick A', 'Quick B');
    const res = await call('POST', '/api/v1/shop/customer/bulk', {
      rows: [
        { id: a, name: 'Quick A2', version: 1 },
        { id: b, name: 'Quick B', email: 'b@example.com', version: 1 },
      ],
      rowsDiff: [
        { id: a, name: 'Quick A2' },
        { id: b, email: 'b@example.com' },
      ],
      rowsOrigin: [
        { id: a, name: 'Quick A', version: 1 },
        { id: b, name: 'Quick B', version: 1 },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.data.count).toBe(2);
    expect(res.body.data.items.map((i: { version: number }) => i.version)).toEqual([2, 2]);
    const { rows } = await shop.pool.query(
      'SELECT name, email FROM shop.customer WHERE id = ANY($1) ORDER BY name',
      [[a, b]],
    );
    expect(rows).toEqual([
      { name: 'Quick A2', email: null },
      { name: 'Quick B', email: 'b@example.com' },
    ]);
  });

  it('rolls every row back when one fails, naming the row', async () => {
    const [a, b] = await newCustomers('Roll A', 'Roll B');
    const res = await call('POST', '/api/v1/shop/customer/bulk', {
      rows: [
        { id: a, name: 'Roll A2' },
        { id: b, name: 'x'.repeat(101) },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.msg).toMatch(/^Row 2 /);
    expect(res.body.errors.name).toBeDefined();
    const { rows } = await shop.pool.query('SELECT name FROM shop.customer WHERE id = $1', [a]);
    expect(rows[0].name).toBe('Roll A');
    const stale = await call('POST', '/api/v1/shop/customer/bulk', {
      rows: [{ id: a, name: 'Late', version: 7 }],
    });
    expect(stale.status).toBe(409);
  });

  it('updates the selected ids with the same values, and refuses an empty selection', async () => {
    const [a, b] = await newCustomers('Same A', 'Same B');
    const res = await call('POST', '/api/v1/shop/customer/bulk', {
      ids: `${a},${b}`,
      email: 'same@example.com',
    });
    expect(res.status).toBe(200);
    expect(res.body.data.items.map((i: { email: string }) => i.email)).toEqual([
      'same@example.com',
      'same@example.com',
    ]);
    const viaValues = await call('POST', '/api/v1/shop/customer/bulk', {
      ids: [a],
      values: { name: 'Same A2' },
    });
    expect(viaValues.body.data.items[0].name).toBe('Same A2');
    expect((await call('POST', '/api/v1/shop/customer/bulk', { ids: '', name: 'x' })).status).toBe(
      400,
    );
    expect((await call('POST', '/api/v1/shop/customer/bulk', { ids: [], name: 'x' })).status).toBe(
      400,
    );
    expect((await call('POST', '/api/v1/shop/customer/bulk', { rows: [] })).status).toBe(400);
    expect((await call('POST', '/api/v1/shop/customer/bulk', { ids: [a] })).status).toBe(400);
  });
});
