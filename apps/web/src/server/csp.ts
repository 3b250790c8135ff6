/**
 * The console's Content-Security-Policy, as strict as the pages it serves allow. Scripts run
 * only from this origin with the request's nonce, and what those load (`strict-dynamic`: the
 * amis SDK and its chunks); requests go only to the console and the runtime, so a script that
 * got in anyway cannot send anything elsewhere. What amis's SDK needs besides, measured in
 * Chromium on the data pages: `'unsafe-eval'` (it compiles the page's response adaptors and its
 * own expressions with `new Function`), inline styles (it and Radix set style attributes), and
 * `data:` / `blob:` images and fonts (its icons). Frames, objects and plugins are refused, and
 * no other site may frame the console.
 */
export interface CspOptions {
  nonce: string;
  /** The runtime's origin as browsers reach it (data pages call it); none when same-origin. */
  runtimeOrigin: string | null;
  /** Development: Next's hot reload evaluates code and talks over a WebSocket. */
  dev: boolean;
}

export function contentSecurityPolicy({ nonce, runtimeOrigin, dev }: CspOptions): string {
  const connect = ["'self'", ...(runtimeOrigin ? [runtimeOrigin] : []), ...(dev ? ['ws:'] : [])];
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'unsafe-eval'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "worker-src 'self' blob:",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The origin of `url`, or null when it is unset or relative. */
export function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
