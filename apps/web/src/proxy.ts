/**
 * Runs before every page: a fresh nonce per request, and the Content-Security-Policy built with
 * it (see server/csp.ts). Next reads the nonce from the request's policy and puts it on its own
 * scripts; the layout reads it too, which renders every page per request.
 */
import { type NextRequest, NextResponse } from 'next/server';

import { env } from '~/env';
import { contentSecurityPolicy, originOf } from '~/server/csp';

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const policy = contentSecurityPolicy({
    nonce,
    runtimeOrigin: originOf(env.RUNTIME_URL),
    dev: env.NODE_ENV !== 'production',
  });
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  // Pages only: API routes answer JSON, and static files carry no script of their own.
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|amis-sdk/|favicon.ico|icon.svg).*)',
      missing: [{ type: 'header', key: 'next-router-prefetch' }],
    },
  ],
};
