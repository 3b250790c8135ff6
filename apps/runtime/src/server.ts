/**
 * The runtime's HTTP server. It answers in amis's envelope, carries a request id on every
 * response and logs one JSON line per request.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import type { Principal } from '@tessera/auth';
import { AppError } from '@tessera/errors';
import { checkHealth, healthHttpStatus } from '@tessera/db/health';
import type { ChangeFeed, SchemaOverview } from '@tessera/runtime-core';
import type pg from 'pg';
import type { Logger } from 'pino';

import { CHANGES_ROUTE, changesRoute } from './http/changes-route';
import { cors } from './http/cors';
import { DATA_ROUTE, dataRoute } from './http/data-routes';
import {
  DOCS_ASSET_ROUTE,
  DOCS_ROUTE,
  docsAssetRoute,
  docsRoute,
  OPENAPI_ROUTE,
  openApiRoute,
  TYPES_ROUTE,
  typesRoute,
} from './http/docs-routes';
import { sendError } from './http/errors';
import { type RequestHeaders, send, toHeaders } from './http/io';
import { createMetrics, metricsRoute, routeName, type RuntimeMetrics } from './http/metrics';
import type { RuntimeLimits } from './http/rate-limits';
import { DEFAULT_CALLER_SHARE, PoolShare } from './http/pool-share';
import { SlowRequests } from './http/slow-requests';
import { DEFAULT_STALL_MS } from './http/stall';
import { DEFAULT_FORWARD_TIMEOUT_MS } from './forward/forward';
import { ServiceHealth } from './forward/service-health';

const REQUEST_ID = /^[\w.:-]{8,128}$/;
const MAX_HEADER_BYTES = 96 * 1024;

export interface RuntimeDeps {
  pool: pg.Pool;
  logger: Logger;
  /** The published model versions being served, by project; null until one is published. */
  metadataVersion: () => Record<string, number> | null;
  /** The current schema overview; each request captures it once. */
  metadata: () => SchemaOverview;
  /** Resolves the caller from a session cookie or bearer token (the console's shared check). */
  authenticate: (headers: RequestHeaders) => Promise<Principal | null>;
  /** Origins (e.g. the console) allowed to send cookie-authenticated writes. */
  allowedOrigins?: readonly string[];
  /** Announced writes, for the change stream. */
  changes: ChangeFeed;
  /** The most recent slow requests; a default one is made when absent. */
  slowRequests?: SlowRequests;
  /** The runtime's metrics; made from the pool when absent. */
  metrics?: RuntimeMetrics;
  /** Rate limits per caller and project. */
  limits: RuntimeLimits;
  /** Proxies whose X-Forwarded-For is believed, for anonymous callers' addresses. */
  trustedProxies?: readonly string[];
  /** The pool, shared fairly between callers; DEFAULT_CALLER_SHARE of it each when absent. */
  share?: PoolShare;
  /** How long a streamed answer (export, change stream) may wait for its reader. */
  stallMs?: number;
  /** Ejected services' health, checked while they are in use; one is made when absent. */
  services?: ServiceHealth;
  /** How long an ejected service may take to start answering a forwarded request. */
  forwardTimeoutMs?: number;
}

/** The dependencies routes see: defaults filled in. */
export type RouteDeps = RuntimeDeps & {
  share: PoolShare;
  stallMs: number;
  services: ServiceHealth;
  forwardTimeoutMs: number;
};

async function route(
  deps: RouteDeps,
  req: IncomingMessage,
  res: ServerResponse,
  slow: SlowRequests,
  url: URL,
  requestId: string,
) {
  if (url.pathname === '/slow-requests' && req.method === 'GET') {
    const principal = await deps.authenticate(toHeaders(req));
    if (!principal) throw new AppError('UNAUTHENTICATED', 'Sign in or send a bearer token');
    if (!principal.permissions.has('monitor:read'))
      throw new AppError('FORBIDDEN', 'You may not monitor');
    return send(res, 200, { status: 0, msg: '', data: { items: slow.list() } });
  }
  if (url.pathname === '/health' && (req.method === 'GET' || req.method === 'HEAD')) {
    const report = await checkHealth({ ping: () => deps.pool.query('SELECT 1') });
    send(res, healthHttpStatus(report), {
      ...report,
      metadataVersion: deps.metadataVersion(),
      // Each ejected service in use: whether requests for its entities are being served.
      ejectedServices: deps.services.report(),
    });
    return;
  }
  if (req.method === 'GET' || req.method === 'HEAD') {
    const openapi = OPENAPI_ROUTE.exec(url.pathname);
    if (openapi) return openApiRoute(deps, req, res, openapi[1]!);
    const types = TYPES_ROUTE.exec(url.pathname);
    if (types) return typesRoute(deps, req, res, types[1]!);
    const asset = DOCS_ASSET_ROUTE.exec(url.pathname);
    if (asset) return docsAssetRoute(res, asset[1]!);
    const docs = DOCS_ROUTE.exec(url.pathname);
    if (docs) return docsRoute(deps, req, res, docs[1]);
  }
  const changes = CHANGES_ROUTE.exec(url.pathname);
  if (changes) return changesRoute(deps, req, res, url, changes[1]!);
  const data = DATA_ROUTE.exec(url.pathname);
  if (data) return dataRoute(deps, req, res, url, data, requestId);
  throw new AppError('NOT_FOUND', `No route ${req.method} ${url.pathname.slice(0, 200)}`);
}

export function createRuntimeServer(options: RuntimeDeps): Server {
  const deps: RouteDeps = {
    ...options,
    share:
      options.share ??
      new PoolShare(
        options.pool,
        PoolShare.slotsFor(options.pool.options.max ?? 10, DEFAULT_CALLER_SHARE),
        options.pool.options.connectionTimeoutMillis || 5000,
      ),
    stallMs: options.stallMs ?? DEFAULT_STALL_MS,
    services: options.services ?? new ServiceHealth(),
    forwardTimeoutMs: options.forwardTimeoutMs ?? DEFAULT_FORWARD_TIMEOUT_MS,
  };
  const metrics =
    deps.metrics ?? createMetrics({ pool: deps.pool, metadataVersion: deps.metadataVersion });
  const slow = deps.slowRequests ?? new SlowRequests();
  const logRequests = deps.logger.isLevelEnabled('info');
  // A filter may be up to 20,000 characters, and percent-encoding can triple that in the URL.
  return createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    const started = performance.now();
    const incoming = req.headers['x-request-id'];
    const requestId =
      typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    const url = new URL(req.url ?? '/', 'http://runtime');
    const pathname = url.pathname;
    res.on('finish', () => {
      const seconds = (performance.now() - started) / 1000;
      const method = req.method ?? 'GET';
      metrics.observe(method, routeName(pathname), res.statusCode, seconds);
      const durationMs = Math.round(seconds * 1000);
      // The log line and the slow list only pay for an entry when they will keep it.
      if (logRequests || durationMs >= slow.thresholdMs) {
        const entry = {
          requestId,
          method,
          url: req.url ?? '/',
          status: res.statusCode,
          durationMs,
        };
        if (logRequests) deps.logger.info(entry, 'request');
        slow.record(entry);
      }
    });
    if (cors(req, res, deps.allowedOrigins)) return;
    if (pathname === '/metrics' && req.method === 'GET') {
      void metricsRoute(metrics, res);
      return;
    }
    route(deps, req, res, slow, url, requestId).catch((error: unknown) =>
      sendError(res, error, { requestId, logger: deps.logger }),
    );
  });
}
