/**
 * The per-request context. `createContextInner` takes everything explicitly so tests can build
 * a context and call procedures without HTTP; `createContextFromRequest` derives it from a
 * fetch Request.
 */
import {
  authenticateToken,
  type Clock,
  DEVICE_COOKIE,
  isCrossSiteRequest,
  isSecureRequest,
  type Principal,
  readCookie,
  readCredential,
  type SessionPolicy,
  systemClock,
  DEFAULT_SESSION_POLICY,
} from '@tessera/auth';
import type { LoginThrottle } from '@tessera/auth/rate-limit';
import type { codegenApi } from '@tessera/codegen';
import type { Db } from '@tessera/db';

import type { DocumentReader } from './workers/document-worker';

export interface Logger {
  info: (obj: object, msg?: string) => void;
  warn: (obj: object, msg?: string) => void;
  error: (obj: object, msg?: string) => void;
}

/** Long-lived services the app wires once. */
export interface ApiServices {
  db: Db;
  /** For work that needs a connection of its own (publishing a model in one transaction). */
  databaseUrl: string;
  loginThrottle: LoginThrottle;
  logger: Logger;
  clock?: Clock;
  sessionPolicy?: SessionPolicy;
  /** Origins besides the request's own host that may send mutations. */
  allowedOrigins?: readonly string[];
  /** The runtime's base URL as browsers reach it, for generated pages ('' for the same origin). */
  runtimeUrl?: string;
  /** Reads and validates big model documents off the event loop; in-thread when absent. */
  documents?: DocumentReader;
  /**
   * The code generator. It renders on worker threads from its template files, so the process
   * that owns the files wires it (the console's server, outside Next's bundle); loaded on first
   * use when absent (tests, scripts).
   */
  codegen?: Codegen;
}

/** What the API needs of `@tessera/codegen`. */
export type Codegen = typeof codegenApi;

export interface RequestInfo {
  requestId: string;
  ip: string;
  userAgent: string | null;
  /** Served over https: cookies get `Secure`. */
  secure: boolean;
  /** A browser request from another site; mutations are refused. */
  crossSite: boolean;
  /** The browser's trusted-device cookie, if it sent one (see the login throttle). */
  deviceToken: string | null;
  /** Headers to add to the response (Set-Cookie). */
  resHeaders: Headers;
}

export interface Context extends RequestInfo {
  db: Db;
  services: ApiServices & { clock: Clock; sessionPolicy: SessionPolicy };
  principal: Principal | null;
  /** The credential's origin, so logout can clear the cookie. */
  credentialSource: 'bearer' | 'cookie' | null;
}

export function createContextInner(opts: {
  services: ApiServices;
  principal: Principal | null;
  credentialSource?: 'bearer' | 'cookie' | null;
  request?: Partial<RequestInfo>;
}): Context {
  return {
    requestId: opts.request?.requestId ?? crypto.randomUUID(),
    ip: opts.request?.ip ?? '127.0.0.1',
    userAgent: opts.request?.userAgent ?? null,
    secure: opts.request?.secure ?? false,
    crossSite: opts.request?.crossSite ?? false,
    deviceToken: opts.request?.deviceToken ?? null,
    resHeaders: opts.request?.resHeaders ?? new Headers(),
    db: opts.services.db,
    services: {
      ...opts.services,
      clock: opts.services.clock ?? systemClock,
      sessionPolicy: opts.services.sessionPolicy ?? DEFAULT_SESSION_POLICY,
    },
    principal: opts.principal,
    credentialSource: opts.credentialSource ?? null,
  };
}

/** Authenticates the request's bearer token or session cookie. */
export async function resolvePrincipal(
  services: ApiServices,
  headers: Headers,
): Promise<{ principal: Principal | null; source: 'bearer' | 'cookie' | null }> {
  const credential = readCredential(headers);
  if (!credential) return { principal: null, source: null };
  const principal = await authenticateToken(
    { db: services.db, clock: services.clock, policy: services.sessionPolicy },
    credential.token,
  );
  return { principal, source: credential.source };
}

export async function createContextFromRequest(opts: {
  services: ApiServices;
  req: Request;
  resHeaders: Headers;
}): Promise<Context> {
  const { req, services } = opts;
  const { principal, source } = await resolvePrincipal(services, req.headers);
  const host = req.headers.get('host') ?? new URL(req.url).host;
  return createContextInner({
    services,
    principal,
    credentialSource: source,
    request: {
      requestId: req.headers.get('x-request-id') ?? crypto.randomUUID(),
      ip: req.headers.get('x-tessera-client-ip') ?? 'unknown',
      userAgent: req.headers.get('user-agent'),
      secure: isSecureRequest(req.url, req.headers),
      crossSite: isCrossSiteRequest(req.headers, { host, allowedOrigins: services.allowedOrigins }),
      deviceToken: readCookie(req.headers.get('cookie'), DEVICE_COOKIE),
      resHeaders: opts.resHeaders,
    },
  });
}
