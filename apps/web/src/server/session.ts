/** Server-component access to the signed-in principal and a tRPC caller acting as them. */
import 'server-only';

import { createCaller, createContextInner, resolvePrincipal } from '@tessera/api';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';

import { getServices } from './services';

export const getPrincipal = cache(async () => {
  const { principal } = await resolvePrincipal(getServices(), await headers());
  return principal;
});

export const serverCaller = cache(async () => {
  const h = await headers();
  return createCaller(
    createContextInner({
      services: getServices(),
      principal: await getPrincipal(),
      request: {
        requestId: h.get('x-request-id') ?? crypto.randomUUID(),
        ip: h.get('x-tessera-client-ip') ?? 'unknown',
      },
    }),
  );
});

/**
 * The principal, or a redirect to sign-in. Layouts and pages render in parallel, so every
 * page checks for itself rather than relying on the layout's check.
 */
export async function requirePrincipal() {
  const principal = await getPrincipal();
  if (!principal) redirect('/login');
  return principal;
}
