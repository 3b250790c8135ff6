/** A tRPC client for the console's API, authenticated with a bearer token. */
import type { AppRouter } from '@tessera/api';
import { createTRPCClient, httpLink } from '@trpc/client';
import superjson from 'superjson';

export function createApiClient(options: { url: string; token?: string }) {
  const base = options.url.replace(/\/+$/, '');
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${base}/api/trpc`,
        transformer: superjson,
        headers: () => (options.token ? { authorization: `Bearer ${options.token}` } : {}),
      }),
    ],
  });
}

export type ApiClient = ReturnType<typeof createApiClient>;
