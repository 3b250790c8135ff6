/**
 * Resolves who is calling from a session token or an API token, with their effective
 * permissions read fresh from the database, so a permission change applies on the next request.
 * The web app and the runtime share this check.
 */
import type { Db } from '@tessera/db';

import { isApiToken, validateApiToken } from '../api-token/api-tokens';
import type { Clock } from '../clock';
import type { SessionPolicy } from '../session/policy';
import { validateSessionToken } from '../session/sessions';

export interface Principal {
  user: { id: string; email: string; name: string };
  permissions: ReadonlySet<string>;
  roles: readonly string[];
  via: 'session' | 'api-token';
  sessionId?: string;
  sessionExpiresAt?: Date;
  apiTokenId?: string;
  /** An API token's scopes: they narrow what the owner's roles grant, data grants included. */
  scopes?: ReadonlySet<string>;
}

export interface AuthenticateOptions {
  db: Db;
  clock?: Clock;
  policy?: SessionPolicy;
}

export async function authenticateToken(
  options: AuthenticateOptions,
  token: string,
): Promise<Principal | null> {
  if (isApiToken(token)) {
    const apiToken = await validateApiToken(options, token);
    if (!apiToken) return null;
    const principal = await loadPrincipal(options.db, apiToken.userId);
    if (!principal) return null;
    const scopes = new Set(apiToken.scopes);
    return {
      ...principal,
      permissions: new Set([...principal.permissions].filter((p) => scopes.has(p))),
      via: 'api-token',
      apiTokenId: apiToken.id,
      scopes,
    };
  }
  const session = await validateSessionToken(options, token);
  if (!session) return null;
  const principal = await loadPrincipal(options.db, session.userId);
  if (!principal) return null;
  return {
    ...principal,
    via: 'session',
    sessionId: session.id,
    sessionExpiresAt: session.expiresAt,
  };
}

/** An active user's identity, roles and the union of their roles' permissions. */
export async function loadPrincipal(
  db: Db,
  userId: string,
): Promise<Pick<Principal, 'user' | 'permissions' | 'roles'> | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      status: true,
      roles: {
        select: {
          role: {
            select: {
              code: true,
              permissions: { select: { permission: { select: { resource: true, action: true } } } },
            },
          },
        },
      },
    },
  });
  if (!user || user.status !== 'active') return null;
  const permissions = new Set<string>();
  for (const { role } of user.roles) {
    for (const { permission } of role.permissions)
      permissions.add(`${permission.resource}:${permission.action}`);
  }
  return {
    user: { id: user.id, email: user.email, name: user.name },
    permissions,
    roles: user.roles.map((r) => r.role.code).sort(),
  };
}
