import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callerAs, seedUser, testServices } from './test/fixtures';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('audit', () => {
  it('records every administrative mutation with actor, before/after and request id', async () => {
    const { caller, user: admin } = await callerAs(testServices(t.db), ['admin'], {
      requestId: 'req-audit-1',
    });
    const created = await caller.user.create({
      email: 'new@example.com',
      name: 'New',
      password: 'password123',
      roles: ['viewer'],
    });
    await caller.user.update({ id: created.id, name: 'Renamed' });
    await caller.user.assignRoles({ id: created.id, roles: ['modeler'] });
    await caller.user.resetPassword({ id: created.id, password: 'password456' });
    await caller.user.setStatus({ id: created.id, status: 'disabled' });
    const role = await caller.role.create({
      code: 'auditor',
      name: 'Auditor',
      permissions: ['audit:read'],
    });
    await caller.role.update({ id: role.id, permissions: ['audit:read', 'user:read'] });
    await caller.role.delete({ id: role.id });
    const menu = await caller.menu.create({ code: 'reports', type: 'directory', title: 'Reports' });
    await caller.menu.update({ id: menu.id, title: 'All reports' });
    await caller.menu.delete({ id: menu.id });
    await caller.config.set({ key: 'feature.x', type: 'boolean', value: true });
    await caller.config.delete({ key: 'feature.x' });
    const token = await caller.apiToken.create({
      name: 'ci',
      scopes: ['user:read'],
      expiresAt: null,
    });
    await caller.apiToken.revoke({ id: token.id });

    const { items } = await caller.audit.list({ requestId: 'req-audit-1', limit: 100 });
    expect(items.map((i) => i.action).reverse()).toEqual([
      'user.create',
      'user.update',
      'user.assign_roles',
      'user.reset_password',
      'user.disable',
      'role.create',
      'role.update',
      'role.delete',
      'menu.create',
      'menu.update',
      'menu.delete',
      'config.create',
      'config.delete',
      'api_token.create',
      'api_token.revoke',
    ]);
    expect(items.every((i) => i.actorId === admin!.id && i.requestId === 'req-audit-1')).toBe(true);
    const update = items.find((i) => i.action === 'user.update')!;
    expect(update.before).toMatchObject({ name: 'New' });
    expect(update.after).toMatchObject({ name: 'Renamed' });
    expect(JSON.stringify(items)).not.toContain('password456');
  });

  it('tells platform changes from data changes', async () => {
    const { caller } = await callerAs(testServices(t.db), ['admin'], { requestId: 'req-kind' });
    await caller.config.set({ key: 'kind.x', type: 'number', value: 1 });
    // The runtime writes data changes into the same log.
    await t.db.auditLog.create({
      data: {
        action: 'data.update',
        resource: 'shop.order',
        resourceId: 'o1',
        requestId: 'req-kind',
      },
    });
    const kinds = async (kind?: 'platform' | 'data') =>
      (await caller.audit.list({ requestId: 'req-kind', kind, limit: 10 })).items.map(
        (i) => i.action,
      );
    expect(await kinds('data')).toEqual(['data.update']);
    expect(await kinds('platform')).toEqual(['config.create']);
    expect(await kinds()).toEqual(['data.update', 'config.create']);
  });

  it('filters and pages', async () => {
    const { caller } = await callerAs(testServices(t.db), ['admin'], { requestId: 'req-audit-2' });
    for (let i = 0; i < 5; i++) await caller.config.set({ key: `k${i}`, type: 'number', value: i });
    const first = await caller.audit.list({ requestId: 'req-audit-2', limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await caller.audit.list({
      requestId: 'req-audit-2',
      limit: 2,
      cursor: first.nextCursor!,
    });
    expect(second.items[0]!.id).not.toBe(first.items[1]!.id);
    expect(
      (await caller.audit.list({ action: 'config.', resource: 'config', limit: 100 })).items.length,
    ).toBeGreaterThanOrEqual(5);
  });

  it('records logins, including failures, without the password', async () => {
    const user = await seedUser(t.db, ['viewer']);
    const { caller } = await callerAs(testServices(t.db), null, { requestId: 'req-login' });
    await caller.auth.login({ email: user.email, password: 'bad password' }).catch(() => undefined);
    await caller.auth.login({ email: user.email, password: user.password });
    const rows = await t.db.auditLog.findMany({
      where: { requestId: 'req-login' },
      select: { action: true, after: true },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((r) => r.action)).toEqual(['auth.login_failed', 'auth.login']);
    expect(JSON.stringify(rows)).not.toContain(user.password);
  });

  it('keeps who acted after their user is gone', async () => {
    const user = await seedUser(t.db, ['viewer']);
    const { caller } = await callerAs(testServices(t.db), null, { requestId: 'req-gone' });
    await caller.auth.login({ email: user.email, password: user.password });
    await t.db.session.deleteMany({ where: { userId: user.id } });
    await t.db.userRole.deleteMany({ where: { userId: user.id } });
    await t.db.user.delete({ where: { id: user.id } });
    const entry = await t.db.auditLog.findFirstOrThrow({
      where: { requestId: 'req-gone' },
      select: { actorId: true, actorEmail: true },
    });
    expect(entry).toEqual({ actorId: user.id, actorEmail: user.email });
  });
});
