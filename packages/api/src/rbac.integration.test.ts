import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { appRouter } from './root';
import { callerAs, testServices } from './test/fixtures';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

/** Procedures any signed-in user may call; everything else is administrative. */
const SELF_SERVICE = new Set([
  'auth.login',
  'auth.logout',
  'auth.me',
  'auth.changePassword',
  'auth.setupStatus',
  'auth.setup',
  'menu.mine',
  'page.entity',
  // Data permissions decide what it shows, as for a data page.
  'schema.types',
  'apiToken.list',
  'apiToken.create',
  'apiToken.revoke',
]);
const allProcedures = Object.keys(appRouter._def.procedures).sort();
const adminProcedures = allProcedures.filter((p) => !SELF_SERVICE.has(p));

async function call(caller: unknown, path: string, input: unknown) {
  const fn = path.split('.').reduce<any>((obj, key) => obj[key], caller);
  return fn(input);
}

describe('RBAC', () => {
  it('covers every router', () => {
    for (const area of ['user', 'role', 'menu', 'config', 'audit']) {
      expect(adminProcedures.some((p) => p.startsWith(`${area}.`))).toBe(true);
    }
    expect(adminProcedures.length).toBeGreaterThanOrEqual(20);
  });

  it.each(adminProcedures)('denies %s to a viewer', async (path) => {
    const { caller } = await callerAs(testServices(t.db), ['viewer']);
    const error = await call(caller, path, {}).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('FORBIDDEN');
  });

  it.each(adminProcedures)('denies %s to an anonymous caller', async (path) => {
    const { caller } = await callerAs(testServices(t.db), null);
    const error = await call(caller, path, {}).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as TRPCError).code).toBe('UNAUTHORIZED');
  });

  it('lets a viewer list only their own API tokens', async () => {
    const { caller } = await callerAs(testServices(t.db), ['viewer']);
    await expect(caller.apiToken.list({ all: false })).resolves.toEqual([]);
    await expect(caller.apiToken.list({ all: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      caller.apiToken.create({ name: 'x', scopes: ['user:read'], expiresAt: null }),
    ).rejects.toMatchObject({ code: 'UNPROCESSABLE_CONTENT' });
  });

  it('allows an admin every administrative read', async () => {
    const { caller } = await callerAs(testServices(t.db), ['admin']);
    await expect(caller.user.list({})).resolves.toMatchObject({ total: expect.any(Number) });
    await expect(caller.role.list()).resolves.toHaveLength(3);
    await expect(caller.audit.list({})).resolves.toMatchObject({ items: expect.any(Array) });
  });

  it('shows a viewer only the menus their permissions allow', async () => {
    const { caller } = await callerAs(testServices(t.db), ['viewer']);
    const menus = await caller.menu.mine();
    const flat = (nodes: typeof menus): string[] =>
      nodes.flatMap((n) => [n.code, ...flat(n.children)]);
    expect(flat(menus)).toEqual(['home', 'account', 'account.profile', 'account.tokens']);
    const { caller: admin } = await callerAs(testServices(t.db), ['admin']);
    expect(flat(await admin.menu.mine())).toContain('system.users');
  });
});

describe('CSRF', () => {
  it('refuses cross-site mutations and allows cross-site queries', async () => {
    const { caller } = await callerAs(testServices(t.db), ['admin'], { crossSite: true });
    const error = await caller.config
      .set({ key: 'x', type: 'string', value: 'y' })
      .catch((e: TRPCError) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('FORBIDDEN');
    expect((error as TRPCError).message).toMatch(/Cross-site/);
    await expect(caller.config.list()).resolves.toBeInstanceOf(Array);
  });

  it('refuses a cross-site login', async () => {
    const { caller } = await callerAs(testServices(t.db), null, { crossSite: true });
    await expect(
      caller.auth.login({ email: 'a@b.io', password: 'whatever1' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
