import type { AddressInfo } from 'node:net';

import { authenticateToken, createSession, readCredential } from '@tessera/auth';
import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import { assignIds, createProjectDdl, validateDocument } from '@tessera/meta';
import { MetadataCache } from '@tessera/runtime-core';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRuntimeServer } from './server';

let t: TestDatabase;
let pool: pg.Pool;
let cache: MetadataCache;
let base: string;
let close: () => Promise<void>;
let viewerToken: string;
let outsiderToken: string;
let adminToken: string;
let adaId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  pool = new pg.Pool({ connectionString: t.url, max: 4 });
  const parsed = validateDocument({
    project: 'shop',
    entities: [
      {
        code: 'customer',
        softDelete: true,
        fields: [
          { code: 'name', type: 'string', length: 100 },
          { code: 'email', type: 'email' },
        ],
      },
      { code: 'order', fields: [{ code: 'total', type: 'decimal', precision: 12, scale: 2 }] },
    ],
    relations: [
      {
        code: 'order_customer',
        type: 'many-to-one',
        from: 'order',
        to: 'customer',
        field: 'customer',
        inverse: 'orders',
      },
    ],
  });
  if (!parsed.ok) throw new Error('invalid model');
  const doc = assignIds(parsed.document, null);
  for (const statement of createProjectDdl(doc)) await pool.query(statement.sql);
  await pool.query(
    `INSERT INTO meta_projects (id, code, name, draft, published_version, updated_at) VALUES (gen_random_uuid(), 'shop', 'Shop', $1, 1, now())`,
    [JSON.stringify(doc)],
  );
  await pool.query(
    `INSERT INTO meta_versions (id, project_id, version, document, plan) SELECT gen_random_uuid(), id, 1, $1, '{}' FROM meta_projects WHERE code = 'shop'`,
    [JSON.stringify(doc)],
  );
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO shop.customer (name, email) VALUES ('Ada', 'ada@example.com'), ('Bob', NULL) RETURNING id`,
  );
  adaId = rows[0]!.id;
  await pool.query(`INSERT INTO shop.customer (name, deleted_at) VALUES ('Gone', now())`);
  await pool.query(`INSERT INTO shop."order" (total, customer) VALUES (12.50, $1)`, [adaId]);

  const viewerRole = await t.db.role.findUniqueOrThrow({
    where: { code: 'viewer' },
    select: { id: true },
  });
  const viewer = await t.db.user.create({
    data: {
      email: 'v@example.com',
      passwordHash: 'x',
      roles: { create: { roleId: viewerRole.id } },
    },
    select: { id: true },
  });
  const outsider = await t.db.user.create({
    data: { email: 'o@example.com', passwordHash: 'x' },
    select: { id: true },
  });
  viewerToken = (await createSession({ db: t.db }, viewer.id)).token;
  outsiderToken = (await createSession({ db: t.db }, outsider.id)).token;
  const adminRole = await t.db.role.findUniqueOrThrow({
    where: { code: 'admin' },
    select: { id: true },
  });
  const admin = await t.db.user.create({
    data: {
      email: 'a@example.com',
      passwordHash: 'x',
      roles: { create: { roleId: adminRole.id } },
    },
    select: { id: true },
  });
  adminToken = (await createSession({ db: t.db }, admin.id)).token;

  cache = new MetadataCache({ pool, databaseUrl: t.url });
  await cache.start();
  const server = createRuntimeServer({
    pool,
    logger: pino({ level: 'silent' }),
    metadataVersion: () => null,
    metadata: () => cache.current(),
    authenticate: async (headers) => {
      const credential = readCredential(headers);
      return credential ? authenticateToken({ db: t.db }, credential.token) : null;
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((r) => server.close(() => r()));
});
afterAll(async () => {
  await close();
  await cache.stop();
  await pool.end();
  await t.drop();
});

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
    expect((await get('/api/v1/shop/order?fields=customer.name')).status).toBe(400);
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
