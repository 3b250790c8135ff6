import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callerAs, testServices } from './test/fixtures';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('system config and input validation', () => {
  it('keeps values to their declared type', async () => {
    const { caller } = await callerAs(testServices(t.db), ['admin']);
    await caller.config.set({ key: 'limits.max', type: 'number', value: 5 });
    await expect(caller.config.set({ key: 'limits.max', value: 'five' })).rejects.toMatchObject({
      code: 'UNPROCESSABLE_CONTENT',
    });
    await expect(
      caller.config.set({ key: 'limits.max', type: 'string', value: 'x' }),
    ).rejects.toMatchObject({ code: 'UNPROCESSABLE_CONTENT' });
    expect((await caller.config.list()).find((c) => c.key === 'limits.max')?.value).toBe(5);
  });

  it('rejects a short password and a duplicate email with field messages', async () => {
    const { caller } = await callerAs(testServices(t.db), ['admin']);
    await expect(
      caller.user.create({ email: 'a@example.com', name: 'A', password: 'short', roles: [] }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await caller.user.create({
      email: 'dup@example.com',
      name: 'A',
      password: 'long enough',
      roles: [],
    });
    const error = await caller.user
      .create({ email: 'DUP@example.com', name: 'B', password: 'long enough', roles: [] })
      .catch((e) => e);
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain("'dup@example.com'");
  });

  it('refuses a menu cycle', async () => {
    const { caller } = await callerAs(testServices(t.db), ['admin']);
    const a = await caller.menu.create({ code: 'dir-a', type: 'directory', title: 'A' });
    const b = await caller.menu.create({
      code: 'dir-b',
      type: 'directory',
      title: 'B',
      parentId: a.id,
    });
    await expect(caller.menu.update({ id: a.id, parentId: b.id })).rejects.toMatchObject({
      code: 'UNPROCESSABLE_CONTENT',
    });
  });

  it('keeps menu paths inside the console', async () => {
    const { caller } = await callerAs(testServices(t.db), ['admin']);
    for (const path of ['//evil.example/x', '/a//b', '/a/../admin', '/./x', 'https://evil.example'])
      await expect(
        caller.menu.create({ code: 'outside', type: 'page', title: 'Out', path }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const inside = await caller.menu.create({
      code: 'inside',
      type: 'page',
      title: 'In',
      path: '/data/shop/order',
    });
    expect(inside.path).toBe('/data/shop/order');
    await expect(
      caller.menu.update({ id: inside.id, path: '//evil.example' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
