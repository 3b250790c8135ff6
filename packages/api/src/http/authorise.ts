/** A route handler's caller: signed in (cookie or bearer token), not cross-site for writes, holding the permission. */
import { isCrossSiteRequest } from '@tessera/auth';

import { type ApiServices, createContextInner, resolvePrincipal } from '../context';
import type { AuthedContext } from '../services/types';
import { jsonError } from './json-error';

export interface RequestInfo {
  requestId: string;
  ip: string;
}

export async function authorise(
  services: ApiServices,
  req: Request,
  info: RequestInfo,
  permission: string,
): Promise<AuthedContext | Response> {
  const { principal, source } = await resolvePrincipal(services, req.headers);
  if (!principal) return jsonError(401, 'Sign in or send a bearer token', info.requestId);
  if (
    req.method !== 'GET' &&
    source === 'cookie' &&
    isCrossSiteRequest(req.headers, {
      host: req.headers.get('host') ?? '',
      allowedOrigins: services.allowedOrigins,
    })
  ) {
    return jsonError(403, 'Cross-site requests may not change data', info.requestId);
  }
  if (!principal.permissions.has(permission))
    return jsonError(403, `Missing permission ${permission}`, info.requestId);
  return createContextInner({
    services,
    principal,
    request: { ...info, userAgent: req.headers.get('user-agent') },
  }) as AuthedContext;
}
