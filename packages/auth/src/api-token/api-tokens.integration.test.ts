import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { authenticateToken } from '../principal/principal';
import { createApiToken } from './api-tokens';

let t: TestDatabase;
let userId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  const admin = await t.db.role.findUniqueOrThrow({
    where: { code: 'admin' },
    select: { id: true },
  });
  const user = await t.db.user.create({
    data: { email: 'ops@example.com', passwordHash: 'x', roles: { create: { roleId: admin.id } } },
    select: { id: true },
  });
  userId = user.id;
});
afterAll(() => t.drop());

describe('API tokens', () => {
  it('act with their scopes intersected with the owner’s permissions', async () => {
    const { token } = await createApiToken(t.db, {
      userId,
      name: 'ci',
      scopes: ['user:read', 'nonexistent:x'],
      expiresAt: null,
    });
    const principal = await authenticateToken({ db: t.db }, token);
    expect(principal?.via).toBe('api-token');
    expect([...(principal?.permissions ?? [])]).toEqual(['user:read']);
  });

  it('stop working when revoked or expired, and record their last use', async () => {
    const live = await createApiToken(t.db, {
      userId,
      name: 'a',
      scopes: ['user:read'],
      expiresAt: null,
    });
    expect(await authenticateToken({ db: t.db }, live.token)).not.toBeNull();
    const row = await t.db.apiToken.findUniqueOrThrow({
      where: { id: live.id },
      select: { lastUsedAt: true, secretHash: true },
    });
    expect(row.lastUsedAt).toBeInstanceOf(Date);
    expect(Buffer.from(row.secretHash).toString('hex')).not.toContain(live.token.split('.')[1]);

    await t.db.apiToken.update({ where: { id: live.id }, data: { revokedAt: new Date() } });
    expect(await authenticateToken({ db: t.db }, live.token)).toBeNull();

    const expired = await createApiToken(t.db, {
      userId,
      name: 'b',
      scopes: ['user:read'],
      expiresAt: new Date(Date.now() - 1000),
    });
    expect(await authenticateToken({ db: t.db }, expired.token)).toBeNull();
  });
});
