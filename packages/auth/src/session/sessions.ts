/**
 * Login sessions. The client holds `<id>.<secret>`; the database holds the id and SHA-256 of
 * the secret, compared in constant time. Lucia's current session guide, on Prisma.
 */
import type { Db } from '@tessera/db';

import { type Clock, systemClock } from '../clock';
import { generateSecureRandomString, hashSecret, secretMatches, splitToken } from '../crypto';
import { announceAuthChange } from '../principal/announce';
import { DEFAULT_SESSION_POLICY, type SessionPolicy, sessionExpiresAt } from './policy';

export interface SessionOptions {
  db: Db;
  clock?: Clock;
  policy?: SessionPolicy;
}

export interface CreatedSession {
  token: string;
  id: string;
  expiresAt: Date;
}

export interface ValidSession {
  id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
}

export async function createSession(
  { db, clock = systemClock, policy = DEFAULT_SESSION_POLICY }: SessionOptions,
  userId: string,
  meta: { ipAddress?: string | null; userAgent?: string | null } = {},
): Promise<CreatedSession> {
  const now = clock();
  const id = generateSecureRandomString();
  const secret = generateSecureRandomString();
  await db.session.create({
    data: {
      id,
      userId,
      secretHash: hashSecret(secret),
      createdAt: now,
      lastVerifiedAt: now,
      ipAddress: meta.ipAddress ?? null,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
    },
    select: { id: true },
  });
  return {
    token: `${id}.${secret}`,
    id,
    expiresAt: sessionExpiresAt({ createdAt: now, lastVerifiedAt: now }, policy),
  };
}

/**
 * Returns the session if the token is valid. Expired sessions are deleted; activity is
 * written back at most once per renewal interval.
 */
export async function validateSessionToken(
  { db, clock = systemClock, policy = DEFAULT_SESSION_POLICY }: SessionOptions,
  token: string,
): Promise<ValidSession | null> {
  const parts = splitToken(token);
  if (!parts) return null;
  const row = await db.session.findUnique({
    where: { id: parts.id },
    select: { id: true, userId: true, secretHash: true, createdAt: true, lastVerifiedAt: true },
  });
  if (!row || !secretMatches(parts.secret, row.secretHash)) return null;

  const now = clock();
  if (now.getTime() >= sessionExpiresAt(row, policy).getTime()) {
    await db.session.deleteMany({ where: { id: row.id } });
    return null;
  }
  let lastVerifiedAt = row.lastVerifiedAt;
  if (now.getTime() - row.lastVerifiedAt.getTime() >= policy.renewalIntervalMs) {
    lastVerifiedAt = now;
    await db.session.updateMany({ where: { id: row.id }, data: { lastVerifiedAt: now } });
  }
  return {
    id: row.id,
    userId: row.userId,
    createdAt: row.createdAt,
    expiresAt: sessionExpiresAt({ createdAt: row.createdAt, lastVerifiedAt }, policy),
  };
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
  await announceAuthChange(db);
}

/** Ends every session of a user: on password change, disable, or role change. */
export async function invalidateUserSessions(
  db: Db,
  userId: string,
  options: { exceptSessionId?: string } = {},
): Promise<number> {
  const { count } = await db.session.deleteMany({
    where: { userId, ...(options.exceptSessionId ? { id: { not: options.exceptSessionId } } : {}) },
  });
  await announceAuthChange(db);
  return count;
}
