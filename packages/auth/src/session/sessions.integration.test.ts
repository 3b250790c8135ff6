import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { authenticateToken } from '../principal/principal';
import { DEFAULT_SESSION_POLICY } from './policy';
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  validateSessionToken,
} from './sessions';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let t: TestDatabase;
let userId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  const user = await t.db.user.create({
    data: { email: 'ada@example.com', passwordHash: 'x' },
    select: { id: true },
  });
  userId = user.id;
});
afterAll(() => t.drop());

function fakeClock(start: Date) {
  let now = start.getTime();
  return { clock: () => new Date(now), advance: (ms: number) => (now += ms) };
}

describe('sessions', () => {
  it('stores only the SHA-256 of the secret, never the token', async () => {
    const { token, id } = await createSession({ db: t.db }, userId);
    const secret = token.split('.')[1]!;
    const row = await t.db.session.findUniqueOrThrow({ where: { id } });
    const stored = JSON.stringify({
      ...row,
      secretHash: Buffer.from(row.secretHash).toString('hex'),
    });
    expect(stored).not.toContain(secret);
    expect(row.secretHash).toHaveLength(32);
    expect(Buffer.from(row.secretHash).toString('base64')).not.toContain(secret);
  });

  it('refuses a wrong secret for a real session id', async () => {
    const { token } = await createSession({ db: t.db }, userId);
    const [id, secret] = token.split('.') as [string, string];
    const tampered = `${id}.${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;
    expect(await validateSessionToken({ db: t.db }, tampered)).toBeNull();
    expect(await validateSessionToken({ db: t.db }, `${id}`)).toBeNull();
    expect(await validateSessionToken({ db: t.db }, token)).not.toBeNull();
  });

  it('expires after 10 days of inactivity and renews at most once an hour', async () => {
    const f = fakeClock(new Date('2030-01-01T00:00:00Z'));
    const { token, id } = await createSession({ db: t.db, clock: f.clock }, userId);

    f.advance(30 * 60_000); // 30 min: valid, not yet renewed
    await validateSessionToken({ db: t.db, clock: f.clock }, token);
    let row = await t.db.session.findUniqueOrThrow({
      where: { id },
      select: { lastVerifiedAt: true },
    });
    expect(row.lastVerifiedAt.toISOString()).toBe('2030-01-01T00:00:00.000Z');

    f.advance(31 * 60_000); // past the hour: renewed
    const renewed = await validateSessionToken({ db: t.db, clock: f.clock }, token);
    row = await t.db.session.findUniqueOrThrow({ where: { id }, select: { lastVerifiedAt: true } });
    expect(row.lastVerifiedAt.toISOString()).toBe('2030-01-01T01:01:00.000Z');
    expect(renewed?.expiresAt.toISOString()).toBe('2030-01-11T01:01:00.000Z');

    f.advance(10 * DAY - 1); // just inside the window
    expect(await validateSessionToken({ db: t.db, clock: f.clock }, token)).not.toBeNull();
    f.advance(10 * DAY); // idle for 10 days since the last renewal
    expect(await validateSessionToken({ db: t.db, clock: f.clock }, token)).toBeNull();
    expect(await t.db.session.findUnique({ where: { id } })).toBeNull();
  });

  it('ends at the absolute cap however active it is', async () => {
    const f = fakeClock(new Date('2031-01-01T00:00:00Z'));
    const { token } = await createSession({ db: t.db, clock: f.clock }, userId);
    const steps = DEFAULT_SESSION_POLICY.absoluteTimeoutMs / DAY;
    for (let day = 1; day < steps; day++) {
      f.advance(DAY);
      expect(await validateSessionToken({ db: t.db, clock: f.clock }, token)).not.toBeNull();
    }
    f.advance(DAY);
    expect(await validateSessionToken({ db: t.db, clock: f.clock }, token)).toBeNull();
  });

  it('revokes one session, or all of a user’s sessions', async () => {
    const a = await createSession({ db: t.db }, userId);
    const b = await createSession({ db: t.db }, userId);
    await invalidateSession(t.db, a.id);
    expect(await validateSessionToken({ db: t.db }, a.token)).toBeNull();
    expect(await validateSessionToken({ db: t.db }, b.token)).not.toBeNull();
    await invalidateUserSessions(t.db, userId);
    expect(await validateSessionToken({ db: t.db }, b.token)).toBeNull();
  });

  it('authenticates an active user with permissions from their roles, and not a disabled one', async () => {
    const viewer = await t.db.role.findUniqueOrThrow({
      where: { code: 'viewer' },
      select: { id: true },
    });
    await t.db.userRole.create({ data: { userId, roleId: viewer.id } });
    const { token } = await createSession({ db: t.db }, userId);
    const principal = await authenticateToken({ db: t.db }, token);
    expect(principal?.roles).toEqual(['viewer']);
    expect(principal?.permissions.has('data:read')).toBe(true);
    expect(principal?.permissions.has('user:read')).toBe(false);

    await t.db.user.update({ where: { id: userId }, data: { status: 'disabled' } });
    expect(await authenticateToken({ db: t.db }, token)).toBeNull();
    await t.db.user.update({ where: { id: userId }, data: { status: 'active' } });
  });
});
