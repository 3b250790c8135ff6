/**
 * API tokens for scripts: `tk_<id>.<secret>`, stored as SHA-256 of the secret. A token acts with
 * its scopes intersected with its owner's current permissions, until it expires or is revoked.
 */
import type { Db } from '@tessera/db';

import { type Clock, systemClock } from '../clock';
import { generateSecureRandomString, hashSecret, secretMatches, splitToken } from '../crypto';

export const API_TOKEN_PREFIX = 'tk_';
const LAST_USED_WRITE_INTERVAL_MS = 60_000;

export function isApiToken(token: string): boolean {
  return token.startsWith(API_TOKEN_PREFIX);
}

export async function createApiToken(
  db: Db,
  input: { userId: string; name: string; scopes: string[]; expiresAt: Date | null },
): Promise<{ token: string; id: string }> {
  const id = `${API_TOKEN_PREFIX}${generateSecureRandomString()}`;
  const secret = generateSecureRandomString();
  await db.apiToken.create({
    data: {
      id,
      name: input.name,
      userId: input.userId,
      secretHash: hashSecret(secret),
      scopes: [...new Set(input.scopes)].sort(),
      expiresAt: input.expiresAt,
    },
    select: { id: true },
  });
  return { token: `${id}.${secret}`, id };
}

export async function validateApiToken(
  { db, clock = systemClock }: { db: Db; clock?: Clock },
  token: string,
): Promise<{ id: string; userId: string; scopes: string[] } | null> {
  const parts = splitToken(token);
  if (!parts || !isApiToken(parts.id)) return null;
  const row = await db.apiToken.findUnique({
    where: { id: parts.id },
    select: {
      id: true,
      userId: true,
      secretHash: true,
      scopes: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
    },
  });
  if (!row || row.revokedAt || !secretMatches(parts.secret, row.secretHash)) return null;
  const now = clock();
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_WRITE_INTERVAL_MS) {
    await db.apiToken.updateMany({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { id: row.id, userId: row.userId, scopes: row.scopes };
}
