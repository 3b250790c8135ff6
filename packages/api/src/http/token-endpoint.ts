/**
 * `POST /api/auth/token`: email + password in, a bearer session token out, for scripts. The same
 * throttle, checks and audit as the console's sign-in; no cookie is set.
 */
import { findAppError } from '@tessera/errors';
import { z } from 'zod';

import { createContextInner, type ApiServices } from '../context';
import { login } from '../services/auth';
import { jsonError } from './json-error';

const ZTokenRequestSchema = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
});

export async function handleTokenRequest(
  services: ApiServices,
  req: Request,
  info: { requestId: string; ip: string },
): Promise<Response> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return jsonError(
      400,
      'The body must be JSON: { "email": "...", "password": "..." }',
      info.requestId,
    );
  }
  const parsed = ZTokenRequestSchema.safeParse(body);
  if (!parsed.success) {
    return jsonError(
      422,
      'Invalid input',
      info.requestId,
      Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])),
    );
  }
  // A script holding no cookie cannot be the victim of a cross-site request: no CSRF check here.
  const ctx = createContextInner({
    services,
    principal: null,
    request: { ...info, userAgent: req.headers.get('user-agent') },
  });
  try {
    const { session, user } = await login(ctx, parsed.data);
    return Response.json(
      {
        tokenType: 'Bearer',
        token: session.token,
        expiresAt: session.expiresAt.toISOString(),
        user,
      },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch (error) {
    const appError = findAppError(error);
    if (!appError) throw error;
    const response = jsonError(
      appError.httpStatus,
      appError.message,
      info.requestId,
      appError.fieldErrors,
    );
    if (appError.retryAfter) response.headers.set('retry-after', String(appError.retryAfter));
    return response;
  }
}
