/**
 * The designer, served by the console under /designer/ so it shares the console's origin (its
 * session cookie, its API, its sign-in page). In production, the designer's build (static files;
 * any other path under /designer/ is the app's own page); in development, a redirect to the
 * designer's dev server, which forwards the rest to this console.
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';

import sirv from 'sirv';

export const DESIGNER_PREFIX = '/designer';

/** What the designer's pages may load: their own scripts, styles, images and worker. */
export const DESIGNER_POLICY = [
  "default-src 'self'",
  // The page preview runs amis, which compiles its expressions with `new Function`.
  "script-src 'self' 'unsafe-eval'",
  // React Flow positions nodes with inline styles.
  "style-src 'self' 'unsafe-inline'",
  // Exported diagrams are data: and blob: URLs.
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

export function isDesignerPath(pathname: string) {
  return pathname === DESIGNER_PREFIX || pathname.startsWith(`${DESIGNER_PREFIX}/`);
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export function designerHandler(options: { dist: string } | { devUrl: string }): Handler {
  if ('devUrl' in options) {
    return (req, res) => {
      res.writeHead(307, { location: new URL(req.url ?? '/designer/', options.devUrl).href });
      res.end();
    };
  }
  if (!existsSync(options.dist)) {
    return (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(
        'The designer is not built: run `pnpm build` (or `pnpm --filter @tessera/designer build`).',
      );
    };
  }
  // Hashed assets are cached for a year; index.html (every other path) is revalidated.
  const files = sirv(options.dist, { single: true, immutable: true, dev: false, etag: true });
  return (req, res) => {
    const url = req.url ?? '/';
    if (url === DESIGNER_PREFIX) {
      res.writeHead(308, { location: `${DESIGNER_PREFIX}/` });
      res.end();
      return;
    }
    req.url = url.slice(DESIGNER_PREFIX.length) || '/';
    res.setHeader('content-security-policy', DESIGNER_POLICY);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'same-origin');
    files(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
    });
  };
}
