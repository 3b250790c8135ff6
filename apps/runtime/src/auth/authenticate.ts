/** The runtime's authentication: the console's shared check (cookie or bearer), cached. */
import { authenticateToken, type Principal, readCredential } from '@tessera/auth';
import type { Db } from '@tessera/db';
import type { Listener } from '@tessera/runtime-core';

import { PrincipalCache } from './principal-cache';

export async function createAuthenticator(options: {
  db: Db;
  listener: Listener;
  ttlMs?: number;
}): Promise<(headers: Pick<Headers, 'get'>) => Promise<Principal | null>> {
  const cache = new PrincipalCache(
    (token) => authenticateToken({ db: options.db }, token),
    options.ttlMs,
  );
  await cache.attach(options.listener);
  return (headers) => {
    const credential = readCredential(headers);
    return credential ? cache.get(credential.token) : Promise.resolve(null);
  };
}
