import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '../testing';
import { ALL_PERMISSIONS, BASE_MENUS } from './catalog';
import { seed } from './seed';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('seed', () => {
  it('creates the built-in roles and menus, and running it again changes nothing', async () => {
    await seed(t.db);
    await seed(t.db);
    const roles = await t.db.role.findMany({
      select: { code: true, _count: { select: { permissions: true } } },
      orderBy: { code: 'asc' },
    });
    expect(roles.map((r) => r.code)).toEqual(['admin', 'modeler', 'viewer']);
    expect(roles.find((r) => r.code === 'admin')?._count.permissions).toBe(ALL_PERMISSIONS.length);
    expect(await t.db.menu.count()).toBe(BASE_MENUS.length);
    expect(await t.db.permission.count()).toBe(ALL_PERMISSIONS.length);
  });

  it('keeps an administrator edit to a menu', async () => {
    await t.db.menu.update({ where: { code: 'home' }, data: { title: 'Start' } });
    await seed(t.db);
    expect(
      (await t.db.menu.findUniqueOrThrow({ where: { code: 'home' }, select: { title: true } }))
        .title,
    ).toBe('Start');
  });

  it('gives the viewer role no administrative permission', async () => {
    const viewer = await t.db.role.findUniqueOrThrow({
      where: { code: 'viewer' },
      select: { permissions: { select: { permission: { select: { resource: true } } } } },
    });
    const resources = new Set(viewer.permissions.map((p) => p.permission.resource));
    for (const admin of ['user', 'role', 'menu', 'config', 'audit'])
      expect(resources.has(admin)).toBe(false);
  });
});
