/**
 * Errors that mean "the database cannot take this request now" (the pool is exhausted, the
 * server restarts or refuses connections): answered with 503 and Retry-After, never as a 500.
 */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);
// admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections, and class 08.
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

export function isUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  if (!e) return false;
  if (e.code && (CONNECTION_CODES.has(e.code) || SQLSTATES.has(e.code) || e.code.startsWith('08')))
    return true;
  const message = e.message ?? '';
  return (
    message.includes('timeout exceeded when trying to connect') ||
    message.includes('Connection terminated') ||
    message.includes('Client has encountered a connection error')
  );
}
