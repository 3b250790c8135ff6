/**
 * Processes that cache principals (the runtime) LISTEN here: any ended session, revoked token,
 * disabled user or changed role is announced, and the caches forget what they hold.
 */
import type { Db } from '@tessera/db';

export const AUTH_CHANNEL = 'tessera_auth';

export async function announceAuthChange(db: Pick<Db, '$executeRaw'>): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${AUTH_CHANNEL}, '')`;
}
