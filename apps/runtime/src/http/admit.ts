/**
 * The gate of every data-facing route: who is calling (the console's shared check), and
 * whether their budget allows one more request. Refuses with 401 or 429 (and 503 when the
 * limiter is down); otherwise returns the caller, with the RateLimit headers already set.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { clientIp, type Principal } from '@tessera/auth';
import { AppError } from '@tessera/errors';
import { type Caller, rateLimitPerMinute } from '@tessera/runtime-core';

import type { RouteDeps } from '../server';
import { type RequestHeaders, toHeaders } from './io';
import { rateLimitHeaders } from './rate-limits';

export interface Admitted {
  principal: Principal;
  caller: Caller;
  headers: RequestHeaders;
  /** Who is calling, for budgets: `token:…`, `user:…` (or `ip:…`, refused before this). */
  key: string;
}

export async function admit(
  deps: RouteDeps,
  req: IncomingMessage,
  res: ServerResponse,
  project: string,
): Promise<Admitted> {
  const headers = toHeaders(req);
  const principal = await deps.authenticate(headers);
  const key = principal
    ? principal.apiTokenId
      ? `token:${principal.apiTokenId}`
      : `user:${principal.user.id}`
    : `ip:${clientIp({
        remoteAddress: req.socket.remoteAddress,
        forwardedFor: headers.get('x-forwarded-for'),
        trustedProxies: deps.trustedProxies ?? [],
      })}`;
  const result = await deps.limits.check(
    project,
    key,
    rateLimitPerMinute(deps.metadata().settings, project),
  );
  const limitHeaders = rateLimitHeaders(result);
  for (const [name, value] of Object.entries(limitHeaders)) res.setHeader(name, value);
  if (!result.success)
    throw new AppError('RATE_LIMITED', 'Too many requests; retry after the time in Retry-After', {
      retryAfter: Math.max(1, Number(limitHeaders['ratelimit-reset'])),
    });
  if (!principal) throw new AppError('UNAUTHENTICATED', 'Sign in or send a bearer token');
  return { principal, headers, caller: callerOf(principal), key };
}

/** What the data API's permission checks need of a principal. */
export const callerOf = (principal: Principal): Caller => ({
  userId: principal.user.id,
  roles: principal.roles,
  permissions: principal.permissions,
  scopes: principal.scopes,
});
