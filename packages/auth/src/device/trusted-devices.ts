/**
 * Trusted devices: a browser its user has signed in with gets a `tessera_device` cookie
 * (`<id>.<secret>`, the secret stored as SHA-256, like sessions). It grants nothing by itself;
 * the login throttle counts a wrong password from it on its own budget, so guesses made
 * elsewhere cannot lock the owner out of a browser they have used before.
 */
import type { Db } from '@tessera/db';

import { type Clock, systemClock } from '../clock';
import { generateSecureRandomString, hashSecret, secretMatches, splitToken } from '../crypto';

export const DEVICE_COOKIE = 'tessera_device';
/** A device not used to sign in for this long is forgotten. */
export const DEVICE_MAX_AGE_DAYS = 180;

/** Remembers the browser `userId` just signed in with; returns the cookie's value. */
export async function trustDevice(db: Db, userId: string): Promise<string> {
  const id = generateSecureRandomString();
  const secret = generateSecureRandomString();
  await db.trustedDevice.create({
    data: { id, userId, secretHash: hashSecret(secret) },
    select: { id: true },
  });
  return `${id}.${secret}`;
}

/**
 * The device a cookie names, when it is one `email`'s user signed in with lately; null
 * otherwise (unknown, forged, another user's, too old).
 */
export async function trustedDeviceOf(
  { db, clock = systemClock }: { db: Db; clock?: Clock },
  token: string | null | undefined,
  email: string,
): Promise<string | null> {
  const parts = token ? splitToken(token) : null;
  if (!parts) return null;
  const row = await db.trustedDevice.findUnique({
    where: { id: parts.id },
    select: { id: true, secretHash: true, lastUsedAt: true, user: { select: { email: true } } },
  });
  if (!row || row.user.email !== email || !secretMatches(parts.secret, row.secretHash)) return null;
  const age = clock().getTime() - row.lastUsedAt.getTime();
  return age < DEVICE_MAX_AGE_DAYS * 24 * 3600 * 1000 ? row.id : null;
}

/** Notes a sign-in from the device, which keeps it trusted. */
export async function touchDevice(db: Db, id: string, clock: Clock = systemClock) {
  await db.trustedDevice.updateMany({ where: { id }, data: { lastUsedAt: clock() } });
}

/** The device cookie: HttpOnly, SameSite=Lax, sent only to the sign-in. */
export function serializeDeviceCookie(token: string, options: { secure: boolean }): string {
  return [
    `${DEVICE_COOKIE}=${token}`,
    'HttpOnly',
    'SameSite=Lax',
    'Path=/api/trpc',
    `Max-Age=${DEVICE_MAX_AGE_DAYS * 24 * 3600}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}
