/**
 * The console's tRPC API, as the designer reaches it: on the same origin (the console serves
 * the designer under /designer/, and the dev server forwards /api to the console), with the
 * console's session cookie. Subscriptions travel as Server-Sent Events.
 */
import type { AppRouter } from '@tessera/api';
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  TRPCClientError,
} from '@trpc/client';
import superjson from 'superjson';

export const api = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url: '/api/trpc', transformer: superjson }),
      false: httpBatchLink({ url: '/api/trpc', transformer: superjson }),
    }),
  ],
});

export interface ApiProblem {
  /** The application's error code (CONFLICT, VALIDATION…), or NETWORK when nothing answered. */
  code: string;
  message: string;
  fieldErrors: Record<string, string>;
  details: Record<string, unknown> | null;
}

export function problemOf(error: unknown): ApiProblem {
  if (error instanceof TRPCClientError) {
    const data = error.data as
      | {
          appCode?: string | null;
          code?: string;
          fieldErrors?: Record<string, string> | null;
          details?: Record<string, unknown> | null;
        }
      | undefined;
    if (!data)
      return {
        code: 'NETWORK',
        message: 'The console did not answer',
        fieldErrors: {},
        details: null,
      };
    return {
      code: data.appCode ?? data.code ?? 'INTERNAL',
      message: error.message,
      fieldErrors: data.fieldErrors ?? {},
      details: data.details ?? null,
    };
  }
  return {
    code: 'NETWORK',
    message: error instanceof Error ? error.message : 'The console did not answer',
    fieldErrors: {},
    details: null,
  };
}

/** Signed out: to the console's sign-in, and back here afterwards. */
export function signIn(): never {
  const back = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`/login?next=${encodeURIComponent(back)}`);
  throw new Error('Signing in');
}
