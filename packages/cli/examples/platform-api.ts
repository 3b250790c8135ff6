/**
 * A script of your own against the platform's tRPC API, typed end to end by `AppRouter` (as
 * the `tessera` CLI is): every procedure, its input and its answer are checked by the compiler.
 *
 *   TESSERA_URL=http://localhost:3000 TESSERA_TOKEN=<token> pnpm tsx examples/platform-api.ts shop
 *
 * (`tessera login you@example.com` prints a token.) A test runs `projectReport` against a
 * console API, so this example keeps compiling and working.
 */
import type { AppRouter } from '@tessera/api';
import { createTRPCClient, httpLink } from '@trpc/client';
import superjson from 'superjson';

export async function projectReport(options: { url: string; token: string; project: string }) {
  const api = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${options.url.replace(/\/+$/, '')}/api/trpc`,
        // The platform's API speaks superjson: dates arrive as Dates.
        transformer: superjson,
        headers: { authorization: `Bearer ${options.token}` },
      }),
    ],
  });
  const me = await api.auth.me.query();
  const versions = await api.schema.versions.query({ project: options.project });
  const plan = await api.schema.plan.query({ project: options.project });
  return {
    signedInAs: me?.user.email ?? null,
    published: versions.map((v) => ({ version: v.version, at: v.publishedAt })),
    pendingSteps: plan.steps.map((s) => `${s.risk}: ${s.summary}`),
  };
}

if (process.argv[1] === import.meta.filename) {
  const project = process.argv[2];
  const { TESSERA_URL = 'http://localhost:3000', TESSERA_TOKEN } = process.env;
  if (!project || !TESSERA_TOKEN) {
    console.error('Usage: TESSERA_TOKEN=<token> tsx examples/platform-api.ts <project>');
    process.exit(2);
  }
  console.log(await projectReport({ url: TESSERA_URL, token: TESSERA_TOKEN, project }));
}
