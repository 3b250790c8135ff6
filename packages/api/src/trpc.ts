/**
 * 1. Initialisation: superjson, and one error formatter that maps AppError through the shared
 *    table (driver errors through its one translation) and flattens zod errors for forms; an
 *    unexpected error is answered as a generic one with the request id, never echoed.
 * 2. Procedures: public, protected (a signed-in principal), and permission-checked.
 *    Every mutation is refused when it comes from another site.
 */
import { AppError, findAppError, translateDatabaseError } from '@tessera/errors';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z, ZodError } from 'zod';

import type { Context } from './context';

// 1. Initialisation
const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error, ctx }) {
    const appError = findAppError(error);
    const zodError = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
    // tRPC's own refusals (a bad path, unparsable input) explain themselves; anything else
    // unexplained is a fault of ours, and its text (SQL, paths, code frames) stays in the log.
    const internal = error.code === 'INTERNAL_SERVER_ERROR' && !appError;
    return {
      ...shape,
      message: zodError
        ? 'Some fields need attention'
        : internal
          ? `Internal error${ctx?.requestId ? `; quote request id ${ctx.requestId}` : ''}`
          : shape.message,
      data: {
        ...shape.data,
        appCode: appError?.code ?? null,
        fieldErrors:
          appError?.fieldErrors ?? (zodError ? firstMessages(zodError.fieldErrors) : null),
        formErrors: zodError?.formErrors ?? null,
        retryAfter: appError?.retryAfter ?? null,
        // What a refusal adds for the caller: the conflicts of an edit, with the current state.
        details: appError?.details ?? null,
        // Never leak internals: stack traces stay in the server log.
        stack: undefined,
      },
    };
  },
});

function firstMessages(fieldErrors: Record<string, string[] | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fieldErrors).flatMap(([k, v]) => (v?.[0] ? [[k, v[0]]] : [])),
  );
}

/**
 * Turns AppErrors thrown by domain code, and driver errors the one translation explains, into
 * TRPCErrors carrying the mapped code.
 */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const appError = findAppError(result.error) ?? translateDatabaseError(result.error.cause);
    if (appError && result.error.code !== appError.trpcCode) {
      throw new TRPCError({ code: appError.trpcCode, message: appError.message, cause: appError });
    }
  }
  return result;
});

// Subscriptions can change data too (a streamed publish), and they travel as GET requests.
const sameSiteMutations = t.middleware(({ ctx, type, next }) => {
  if (type !== 'query' && ctx.crossSite) {
    throw new AppError('CROSS_SITE_REQUEST', 'Cross-site requests may not change data');
  }
  return next();
});

const authenticated = t.middleware(({ ctx, next }) => {
  if (!ctx.principal) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
  return next({ ctx: { ...ctx, principal: ctx.principal } });
});

// 2. Procedures
export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(appErrors).use(sameSiteMutations);
export const protectedProcedure = publicProcedure.use(authenticated);

/** A procedure that requires every one of the given `resource:action` permissions. */
export function permissionProcedure(...required: string[]) {
  return protectedProcedure.use(({ ctx, next }) => {
    const missing = required.filter((p) => !ctx.principal.permissions.has(p));
    if (missing.length > 0) {
      throw new AppError('FORBIDDEN', `Missing permission ${missing.join(', ')}`);
    }
    return next();
  });
}
