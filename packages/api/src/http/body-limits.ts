/**
 * How large a request body the console reads, per route: 1 MiB, or what a procedure's own input
 * allows (a model document of up to 5 MiB, sent as a JSON string whose escaping may double it;
 * a whole model from the designer). The console's HTTP layer refuses anything larger with 413
 * before it is read.
 */
import { MAX_DOCUMENT_BYTES } from '@tessera/meta';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
const DOCUMENT_BODY = 2 * MAX_DOCUMENT_BYTES + 64 * 1024;

/** Procedures (tRPC paths) whose input is larger than the default. */
const PROCEDURES: Record<string, number> = {
  'schema.import': DOCUMENT_BODY,
  // An edited page of up to 1,000,000 characters, in its envelope.
  'page.save': DEFAULT_BODY_LIMIT + 64 * 1024,
  'page.check': DEFAULT_BODY_LIMIT + 64 * 1024,
};
/** Other routes whose bodies are larger than the default. */
const ROUTES: Record<string, number> = {
  '/api/sync/batch': DOCUMENT_BODY,
  '/api/sync/entity': DOCUMENT_BODY,
};

/** The largest body `pathname` may send: for a tRPC batch, the largest of its procedures'. */
export function bodyLimit(pathname: string): number {
  const trpc = /^\/api\/trpc\/([^/]+)$/.exec(pathname);
  if (trpc)
    return Math.max(
      DEFAULT_BODY_LIMIT,
      ...decodeURIComponent(trpc[1]!)
        .split(',')
        .map((name) => PROCEDURES[name] ?? DEFAULT_BODY_LIMIT),
    );
  return ROUTES[pathname] ?? DEFAULT_BODY_LIMIT;
}
