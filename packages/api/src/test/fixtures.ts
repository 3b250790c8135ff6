/** Test helpers: users with roles, and callers acting as them. */
import { createSession, hashPassword, loadPrincipal, type Principal } from '@tessera/auth';
import { createLoginThrottle } from '@tessera/auth/rate-limit';
import type { Db } from '@tessera/db';

import { type ApiServices, createContextInner, type Context } from '../context';
import { createCaller } from '../root';

export const silentLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export function testServices(db: Db, overrides: Partial<ApiServices> = {}): ApiServices {
  const services: ApiServices = {
    db,
    databaseUrl: '',
    logger: silentLogger,
    loginThrottle: createLoginThrottle({ store: { kind: 'memory' } }),
  };
  return Object.assign(services, overrides);
}

let counter = 0;
const passwordHashes = new Map<string, Promise<string>>();

export async function seedUser(
  db: Db,
  roles: string[],
  opts: { email?: string; password?: string } = {},
) {
  const password = opts.password ?? 'correct horse battery';
  let hash = passwordHashes.get(password);
  if (!hash) passwordHashes.set(password, (hash = hashPassword(password)));
  const email = opts.email ?? `user${++counter}-${Date.now()}@example.com`;
  const roleRows = await db.role.findMany({ where: { code: { in: roles } }, select: { id: true } });
  const user = await db.user.create({
    data: {
      email,
      name: email.split('@')[0]!,
      passwordHash: await hash,
      roles: { create: roleRows.map((r) => ({ roleId: r.id })) },
    },
    select: { id: true, email: true },
  });
  return { ...user, password };
}

export async function principalFor(db: Db, userId: string): Promise<Principal> {
  const loaded = await loadPrincipal(db, userId);
  if (!loaded) throw new Error('user is not active');
  const session = await createSession({ db }, userId);
  return { ...loaded, via: 'session', sessionId: session.id };
}

export function contextFor(
  services: ApiServices,
  principal: Principal | null,
  request: Partial<Context> = {},
) {
  return createContextInner({ services, principal, request });
}

export async function callerAs(
  services: ApiServices,
  roles: string[] | null,
  request: Partial<Context> = {},
) {
  if (!roles) {
    const ctx = contextFor(services, null, request);
    return { caller: createCaller(ctx), ctx, user: null };
  }
  const user = await seedUser(services.db, roles);
  const ctx = contextFor(services, await principalFor(services.db, user.id), request);
  return { caller: createCaller(ctx), ctx, user };
}
