/**
 * The gate of every data-facing route: who is calling (the console's shared check), and
 * whether their budget allows one more request. Answers 401, 429 or 503 itself and returns
 * null then; otherwise the caller, with the RateLimit headers already set.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { clientIp, type Principal } from '@tessera/auth';
import { AppError } from '@tessera/errors';
import { type Caller, rateLimitPerMinute } from '@tessera/runtime-core';

import type { RuntimeDeps } from '../server';
import { type RequestHeaders, refuse, toHeaders } from './io';
import { rateLimitHeaders } from './rate-limits';

export interface Admitted {
  principal: Principal;
  caller: Caller;
  headers: RequestHeaders;
}

export async function admit(
  deps: RuntimeDeps,
  req: IncomingMessage,
  res: ServerResponse,
  project: string,
): Promise<Admitted | null> {
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
  try {
    const result = await deps.limits.check(
      project,
      key,
      rateLimitPerMinute(deps.metadata().settings, project),
    );
    const limitHeaders = rateLimitHeaders(result);
    for (const [name, value] of Object.entries(limitHeaders)) res.setHeader(name, value);
    if (!result.success) {
      res.setHeader('retry-after', limitHeaders['ratelimit-reset']!);
      refuse(res, 429, 'Too many requests; retry after the time in Retry-After');
      return null;
    }
  } catch (error) {
    if (error instanceof AppError && error.code === 'SERVICE_UNAVAILABLE') {
      res.setHeader('retry-after', '2');
      refuse(res, 503, error.message);
      return null;
    }
    throw error;
  }
  if (!principal) {
    refuse(res, 401, 'Sign in or send a bearer token');
    return null;
  }
  return {
    principal,
    headers,
    caller: {
      userId: principal.user.id,
      roles: principal.roles,
      permissions: principal.permissions,
      scopes: principal.scopes,
    },
  };
}
