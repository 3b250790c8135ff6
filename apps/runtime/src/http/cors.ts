/**
 * Cross-origin access for the console's pages (amis calls the runtime from the console's
 * origin, with the session cookie): only origins listed in RUNTIME_ALLOWED_ORIGINS, with
 * credentials, and preflights answered here. Writes from them still pass the cross-site check.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const ALLOW_HEADERS = 'authorization, content-type, idempotency-key, if-match, x-request-id';
const EXPOSE_HEADERS =
  'x-request-id, ratelimit-limit, ratelimit-remaining, ratelimit-reset, ratelimit-policy, retry-after, idempotent-replayed, content-disposition';

/** Sets the CORS headers for an allowed origin; answers a preflight and returns true. */
export function cors(
  req: IncomingMessage,
  res: ServerResponse,
  allowedOrigins: readonly string[] | undefined,
): boolean {
  const origin = req.headers.origin;
  if (!origin || !allowedOrigins?.includes(origin)) return false;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('access-control-allow-credentials', 'true');
  res.setHeader('vary', 'Origin');
  if (req.method !== 'OPTIONS') {
    res.setHeader('access-control-expose-headers', EXPOSE_HEADERS);
    return false;
  }
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, PUT, DELETE',
    'access-control-allow-headers': ALLOW_HEADERS,
    'access-control-max-age': '600',
  });
  res.end();
  return true;
}
