/**
 * Every caller × every route: the status each must get. Callers: an administrator, a reader
 * (data:read), a user with no data permission, an API token scoped to reading, a role with
 * per-entity grants and a hidden field, and nobody at all.
 */
import { q } from '@tessera/contract';
import { callerAs, seedUser, testServices } from '@tessera/api/testing';
import { createApiToken, createSession } from '@tessera/auth';
import { beforeAll, describe, expect, it } from 'vitest';

import { useShopRuntime } from './test/shop-runtime';

const tokens: Record<string, string | null> = {};

type Caller = 'admin' | 'reader' | 'nothing' | 'readToken' | 'clerk' | 'anonymous';
const CALLERS: Caller[] = ['admin', 'reader', 'nothing', 'readToken', 'clerk', 'anonymous'];

async function fresh(): Promise<string> {
  const res = await fetch(`${shop.base}/api/v1/shop/customer`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Matrix' }),
  });
  return ((await res.json()) as { data: { id: string } }).data.id;
}

/** Route → how to call it → the status each caller gets. */
const ROUTES: {
  name: string;
  call: () => Promise<{ method: string; path: string; body?: string; type?: string }>;
  expect: Record<Caller, number>;
}[] = [
  {
    name: 'list',
    call: async () => ({ method: 'GET', path: '/api/v1/shop/customer' }),
    expect: { admin: 200, reader: 200, nothing: 403, readToken: 200, clerk: 200, anonymous: 401 },
  },
  {
    name: 'get',
    call: async () => ({ method: 'GET', path: `/api/v1/shop/customer/${shop.adaId}` }),
    expect: { admin: 200, reader: 200, nothing: 403, readToken: 200, clerk: 200, anonymous: 401 },
  },
  {
    name: 'count',
    call: async () => ({ method: 'GET', path: '/api/v1/shop/customer?perPage=1&count=exact' }),
    expect: { admin: 200, reader: 200, nothing: 403, readToken: 200, clerk: 200, anonymous: 401 },
  },
  {
    name: 'filter on a hidden field',
    call: async () => ({
      method: 'GET',
      path: `/api/v1/shop/customer?filter=${q({ email: { _nnull: true } })}`,
    }),
    expect: { admin: 200, reader: 200, nothing: 403, readToken: 200, clerk: 400, anonymous: 401 },
  },
  {
    name: 'sort by a hidden field',
    call: async () => ({ method: 'GET', path: '/api/v1/shop/customer?sort=email' }),
    expect: { admin: 200, reader: 200, nothing: 403, readToken: 200, clerk: 400, anonymous: 401 },
  },
  {
    name: 'expand to a hidden field',
    call: async () => ({ method: 'GET', path: '/api/v1/shop/order?fields=customer.email' }),
    expect: { admin: 200, reader: 200, nothing: 403, readToken: 200, clerk: 400, anonymous: 401 },
  },
  {
    name: 'export',
    call: async () => ({ method: 'GET', path: '/api/v1/shop/customer/export' }),
    expect: { admin: 200, reader: 200, nothing: 403, readToken: 200, clerk: 200, anonymous: 401 },
  },
  {
    name: 'aggregate',
    call: async () => ({ method: 'GET', path: '/api/v1/shop/customer/aggregate?count=*' }),
    expect: { admin: 200, reader: 200, nothing: 403, readToken: 200, clerk: 200, anonymous: 401 },
  },
  {
    name: 'aggregate a hidden field',
    call: async () => ({
      method: 'GET',
      path: '/api/v1/shop/customer/aggregate?groupBy=email&count=*',
    }),
    expect: { admin: 200, reader: 200, nothing: 403, readToken: 200, clerk: 400, anonymous: 401 },
  },
  {
    name: 'openapi',
    call: async () => ({ method: 'GET', path: '/api/v1/shop/openapi.json' }),
    expect: { admin: 200, reader: 200, nothing: 200, readToken: 200, clerk: 200, anonymous: 401 },
  },
  {
    name: 'typescript types',
    call: async () => ({ method: 'GET', path: '/api/v1/shop/types.ts' }),
    expect: { admin: 200, reader: 200, nothing: 200, readToken: 200, clerk: 200, anonymous: 401 },
  },
  {
    name: 'create',
    call: async () => ({
      method: 'POST',
      path: '/api/v1/shop/customer',
      body: JSON.stringify({ name: 'New' }),
    }),
    expect: { admin: 200, reader: 403, nothing: 403, readToken: 403, clerk: 200, anonymous: 401 },
  },
  {
    name: 'update',
    call: async () => ({
      method: 'PUT',
      path: `/api/v1/shop/customer/${await fresh()}`,
      body: JSON.stringify({ name: 'Changed' }),
    }),
    expect: { admin: 200, reader: 403, nothing: 403, readToken: 403, clerk: 403, anonymous: 401 },
  },
  {
    name: 'delete',
    call: async () => ({ method: 'DELETE', path: `/api/v1/shop/customer/${await fresh()}` }),
    expect: { admin: 200, reader: 403, nothing: 403, readToken: 403, clerk: 403, anonymous: 401 },
  },
  {
    name: 'bulk delete',
    call: async () => ({ method: 'DELETE', path: `/api/v1/shop/customer?ids=${await fresh()}` }),
    expect: { admin: 200, reader: 403, nothing: 403, readToken: 403, clerk: 403, anonymous: 401 },
  },
  {
    name: 'bulk update',
    call: async () => ({
      method: 'POST',
      path: '/api/v1/shop/customer/bulk',
      body: JSON.stringify({ ids: [await fresh()], name: 'Bulk' }),
    }),
    expect: { admin: 200, reader: 403, nothing: 403, readToken: 403, clerk: 403, anonymous: 401 },
  },
  {
    name: 'import',
    call: async () => ({
      method: 'POST',
      path: '/api/v1/shop/customer/import',
      body: 'name\nImported\n',
      type: 'text/csv',
    }),
    expect: { admin: 200, reader: 403, nothing: 403, readToken: 403, clerk: 200, anonymous: 401 },
  },
];

const shop = useShopRuntime({ rateLimitPerMinute: 1_000_000 });
beforeAll(async () => {
  const { caller: admin } = await callerAs(testServices(shop.t.db), ['admin']);
  const clerkRole = await admin.role.create({ code: 'clerk', name: 'Clerk', permissions: [] });
  const reloaded = new Promise((r) => shop.cache.once('reload', r));
  await admin.dataPermission.set({
    project: 'shop',
    roleId: clerkRole.id,
    entity: 'customer',
    action: 'read',
    rowFilter: null,
    fields: ['name'],
  });
  await admin.dataPermission.set({
    project: 'shop',
    roleId: clerkRole.id,
    entity: 'customer',
    action: 'create',
    rowFilter: null,
    fields: ['name'],
  });
  await admin.dataPermission.set({
    project: 'shop',
    roleId: clerkRole.id,
    entity: 'order',
    action: 'read',
    rowFilter: null,
    fields: null,
  });
  await reloaded;
  while (shop.cache.current().grants.get('shop')?.length !== 3)
    await new Promise((r) => shop.cache.once('reload', r));
  const clerk = await seedUser(shop.t.db, ['clerk']);
  const nothing = await seedUser(shop.t.db, []);
  const adminUser = await shop.t.db.user.findUniqueOrThrow({ where: { email: 'a@example.com' } });
  tokens.admin = shop.adminToken;
  tokens.reader = shop.viewerToken;
  tokens.nothing = (await createSession({ db: shop.t.db }, nothing.id)).token;
  tokens.clerk = (await createSession({ db: shop.t.db }, clerk.id)).token;
  tokens.readToken = (
    await createApiToken(shop.t.db, {
      userId: adminUser.id,
      name: 'read',
      scopes: ['data:read'],
      expiresAt: null,
    })
  ).token;
  tokens.anonymous = null;
}, 60_000);

describe('permission matrix', () => {
  for (const route of ROUTES) {
    it.each(CALLERS)(`${route.name}: %s`, async (caller) => {
      const { method, path, body, type } = await route.call();
      const headers: Record<string, string> = { 'content-type': type ?? 'application/json' };
      if (tokens[caller]) headers.authorization = `Bearer ${tokens[caller]}`;
      const res = await fetch(`${shop.base}${path}`, { method, headers, body });
      await res.arrayBuffer();
      expect(res.status).toBe(route.expect[caller]);
    });
  }

  it('streams changes only to callers who may read them', async () => {
    const statuses: Record<string, number> = {};
    for (const caller of CALLERS) {
      const controller = new AbortController();
      const res = await fetch(`${shop.base}/api/v1/shop/changes`, {
        headers: tokens[caller] ? { authorization: `Bearer ${tokens[caller]}` } : {},
        signal: controller.signal,
      });
      statuses[caller] = res.status;
      controller.abort();
    }
    expect(statuses).toEqual({
      admin: 200,
      reader: 200,
      // May read nothing in the project: its stream would only count the writes.
      nothing: 403,
      readToken: 200,
      clerk: 200,
      anonymous: 401,
    });
  });
});
