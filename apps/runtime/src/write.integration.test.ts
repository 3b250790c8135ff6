/** Writing rows over HTTP. */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startShopRuntime } from './test/shop-runtime';

let pool: pg.Pool;
let base: string;
let viewerToken: string;
let adminToken: string;
let adaId: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ pool, base, viewerToken, adminToken, adaId, stop } = await startShopRuntime());
});
afterAll(() => stop());

const get = (path: string, token = viewerToken) =>
  fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

const send = (
  method: string,
  path: string,
  body?: unknown,
  token = adminToken,
  headers: Record<string, string> = {},
) =>
  fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('writing rows', () => {
  it('creates with validation, ignoring system and unknown keys', async () => {
    const res = await send('POST', '/api/v1/shop/customer', {
      name: 'Cleo',
      email: 'cleo@example.com',
      id: '00000000-0000-4000-8000-00000000dead',
      version: 99,
      created_by: null,
      secret: 'x',
      ['__proto__']: { admin: true },
    });
    expect(res.status).toBe(200);
    const row = ((await res.json()) as { data: Record<string, unknown> }).data;
    expect(row).toMatchObject({ name: 'Cleo', email: 'cleo@example.com', version: 1 });
    expect(row.id).not.toBe('00000000-0000-4000-8000-00000000dead');
    expect(row).not.toHaveProperty('secret');

    const invalid = await send('POST', '/api/v1/shop/customer', {
      name: 'x'.repeat(101),
      email: 'nope',
    });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toEqual({
      status: 422,
      msg: 'Some fields need attention',
      errors: { name: 'At most 100 characters', email: 'Must be an email address' },
    });
    expect(
      (
        await send('POST', '/api/v1/shop/order', {
          total: 1,
          customer: '00000000-0000-4000-8000-000000000000',
        })
      ).status,
    ).toBe(422);
    expect((await send('POST', '/api/v1/shop/customer', '[1]')).status).toBe(400);
  });

  it('updates with optimistic concurrency: version and updated_at advance, a stale version gets 409', async () => {
    const created = (
      (await (await send('POST', '/api/v1/shop/customer', { name: 'Dora' })).json()) as {
        data: { id: string; version: number; updated_at: string };
      }
    ).data;
    const updated = await send('PUT', `/api/v1/shop/customer/${created.id}`, {
      name: 'Dora B',
      version: 1,
    });
    const row = (
      (await updated.json()) as { data: { name: string; version: number; updated_at: string } }
    ).data;
    expect(row).toMatchObject({ name: 'Dora B', version: 2 });
    expect(Date.parse(row.updated_at)).toBeGreaterThanOrEqual(Date.parse(created.updated_at));
    const stale = await send(
      'PUT',
      `/api/v1/shop/customer/${created.id}`,
      { name: 'Lost' },
      adminToken,
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ status: 409, currentVersion: 2 });
    expect(
      (
        await send('PUT', '/api/v1/shop/customer/00000000-0000-4000-8000-000000000000', {
          name: 'x',
        })
      ).status,
    ).toBe(404);
  });

  it('deletes softly when the entity keeps deleted rows, and for good otherwise', async () => {
    const created = (
      (await (await send('POST', '/api/v1/shop/customer', { name: 'Eve' })).json()) as {
        data: { id: string };
      }
    ).data;
    expect((await send('DELETE', `/api/v1/shop/customer/${created.id}`)).status).toBe(200);
    expect((await get(`/api/v1/shop/customer/${created.id}`)).status).toBe(404);
    const { rows } = await pool.query(
      `SELECT deleted_at IS NOT NULL AS gone FROM shop.customer WHERE id = $1`,
      [created.id],
    );
    expect(rows[0]).toEqual({ gone: true });
    expect((await send('DELETE', `/api/v1/shop/customer/${created.id}`)).status).toBe(404);
    const order = (
      (await (await send('POST', '/api/v1/shop/order', { total: 5, customer: adaId })).json()) as {
        data: { id: string };
      }
    ).data;
    expect((await send('DELETE', `/api/v1/shop/order/${order.id}`)).status).toBe(200);
  });

  it('checks the write permissions', async () => {
    expect(
      (await send('POST', '/api/v1/shop/customer', { name: 'Nope' }, viewerToken)).status,
    ).toBe(403);
    expect(
      (await send('DELETE', `/api/v1/shop/customer/${adaId}`, undefined, viewerToken)).status,
    ).toBe(403);
    expect((await send('PUT', '/api/v1/shop/customer', { name: 'x' })).status).toBe(405);
  });
});

describe('cross-site writes', () => {
  it('refuses a cookie-authenticated write from another site, but not a bearer one', async () => {
    const cookieWrite = (origin: string) =>
      fetch(`${base}/api/v1/shop/customer`, {
        method: 'POST',
        headers: {
          cookie: `tessera_session=${adminToken}`,
          origin,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ name: 'Mallory' }),
      });
    const evil = await cookieWrite('https://evil.example');
    expect(evil.status).toBe(403);
    expect(((await evil.json()) as { msg: string }).msg).toBe(
      'Cross-site requests may not change data',
    );
    expect((await cookieWrite(base)).status).toBe(200);
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM shop.customer WHERE name = 'Mallory'`,
    );
    expect(rows[0]).toEqual({ n: 1 });
  });
});

describe('Idempotency-Key', () => {
  const create = (key: string, body: unknown) =>
    fetch(`${base}/api/v1/shop/customer`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${adminToken}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify(body),
    });

  it('answers a retried create with the first result and creates one row', async () => {
    const first = await create('retry-1', { name: 'Once' });
    expect(first.status).toBe(200);
    const retried = await Promise.all([
      create('retry-1', { name: 'Once' }),
      create('retry-1', { name: 'Once' }),
    ]);
    const firstBody = (await first.json()) as { data: { id: string } };
    for (const res of retried) {
      expect(res.status).toBe(200);
      expect(res.headers.get('idempotent-replayed')).toBe('true');
      expect(((await res.json()) as { data: { id: string } }).data.id).toBe(firstBody.data.id);
    }
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM shop.customer WHERE name = 'Once'`,
    );
    expect(rows[0].n).toBe(1);
  });

  it('refuses the same key for another body, and a malformed key', async () => {
    expect((await create('retry-2', { name: 'A' })).status).toBe(200);
    const other = await create('retry-2', { name: 'B' });
    expect(other.status).toBe(422);
    expect(((await other.json()) as { msg: string }).msg).toContain('different request');
    expect((await create('bad key with spaces', { name: 'C' })).status).toBe(400);
  });

  it('does not keep a key whose create failed', async () => {
    expect((await create('retry-3', { name: 'x'.repeat(101) })).status).toBe(422);
    expect((await create('retry-3', { name: 'Fixed' })).status).toBe(200);
  });
});
