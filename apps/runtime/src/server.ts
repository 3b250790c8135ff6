/**
 * The runtime's HTTP server. It answers in amis's envelope, carries a request id on every
 * response and logs one JSON line per request. Entity routes are mounted here as they arrive.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import { isCrossSiteRequest, type Principal, readCredential } from '@tessera/auth';
import { checkHealth, healthHttpStatus } from '@tessera/db/health';
import {
  bulkUpdate,
  createRow,
  deleteRow,
  deleteRows,
  readRows,
  type SchemaOverview,
  updateRow,
} from '@tessera/runtime-core';
import type pg from 'pg';
import type { Logger } from 'pino';

const REQUEST_ID = /^[\w.:-]{8,128}$/;

export interface RuntimeDeps {
  pool: pg.Pool;
  logger: Logger;
  /** The published model versions being served, by project; null until one is published. */
  metadataVersion: () => Record<string, number> | null;
  /** The current schema overview; each request captures it once. */
  metadata: () => SchemaOverview;
  /** Resolves the caller from a session cookie or bearer token (the console's shared check). */
  authenticate: (headers: Headers) => Promise<Principal | null>;
  /** Origins (e.g. the console) allowed to send cookie-authenticated writes. */
  allowedOrigins?: readonly string[];
}

const MAX_BODY = 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw Object.assign(new Error('too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw Object.assign(new Error('bad json'), { status: 400 });
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'DELETE']);

const DATA_ROUTE = /^\/api\/v1\/([a-z][a-z0-9_]{1,39})\/([a-z][a-z0-9_]{1,39})(?:\/([^/]+))?\/?$/;

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(key, value);
    else if (Array.isArray(value)) headers.set(key, value.join(', '));
  }
  return headers;
}

function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

async function route(deps: RuntimeDeps, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://runtime');
  if (url.pathname === '/health' && (req.method === 'GET' || req.method === 'HEAD')) {
    const report = await checkHealth({ ping: () => deps.pool.query('SELECT 1') });
    send(res, healthHttpStatus(report), { ...report, metadataVersion: deps.metadataVersion() });
    return;
  }
  const data = DATA_ROUTE.exec(url.pathname);
  if (data) {
    const method = req.method ?? 'GET';
    const [, project, entity, rawId] = data as unknown as [
      string,
      string,
      string,
      string | undefined,
    ];
    const id = rawId === undefined ? undefined : decodeURIComponent(rawId);
    const headers = toHeaders(req);
    const principal = await deps.authenticate(headers);
    if (!principal) return send(res, 401, { status: 401, msg: 'Sign in or send a bearer token' });
    const common = {
      db: deps.pool,
      overview: deps.metadata(),
      caller: {
        userId: principal.user.id,
        roles: principal.roles,
        permissions: principal.permissions,
        scopes: principal.scopes,
      },
      project,
      entity,
    };
    if (method === 'GET' || method === 'HEAD') {
      const result = await readRows({ ...common, id, query: url.searchParams });
      return sendText(res, result.status, result.body);
    }
    const bulk = method === 'POST' && id === 'bulk';
    const bulkDelete = method === 'DELETE' && id === undefined;
    if (
      !WRITE_METHODS.has(method) ||
      (method === 'POST' && id !== undefined && !bulk) ||
      (method === 'PUT' && id === undefined)
    )
      return send(res, 405, { status: 405, msg: `${method} is not supported here` });
    if (
      readCredential(headers)?.source === 'cookie' &&
      isCrossSiteRequest(headers, {
        host: headers.get('host') ?? '',
        allowedOrigins: deps.allowedOrigins,
      })
    ) {
      return send(res, 403, { status: 403, msg: 'Cross-site requests may not change data' });
    }
    let body: unknown = null;
    if (method !== 'DELETE') {
      try {
        body = await readBody(req);
      } catch (error) {
        const status = (error as { status?: number }).status ?? 400;
        return send(res, status, {
          status,
          msg: status === 413 ? 'The body is larger than 1 MiB' : 'The body must be JSON',
        });
      }
    }
    const result = bulk
      ? await bulkUpdate({ ...common, pool: deps.pool, body })
      : bulkDelete
        ? await deleteRows({ ...common, ids: url.searchParams.get('ids') })
        : method === 'POST'
          ? await createRow({ ...common, body, idempotencyKey: headers.get('idempotency-key') })
          : method === 'PUT'
            ? await updateRow({ ...common, id: id!, body, ifMatch: headers.get('if-match') })
            : await deleteRow({ ...common, id: id! });
    return sendText(res, result.status, result.body, result.headers);
  }
  send(res, 404, { status: 404, msg: `No route ${req.method} ${url.pathname}` });
}

export function createRuntimeServer(deps: RuntimeDeps): Server {
  return createServer((req, res) => {
    const started = performance.now();
    const incoming = req.headers['x-request-id'];
    const requestId =
      typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    res.on('finish', () => {
      deps.logger.info(
        {
          requestId,
          method: req.method,
          url: req.url,
          status: res.statusCode,
          durationMs: Math.round(performance.now() - started),
        },
        'request',
      );
    });
    route(deps, req, res).catch((err: unknown) => {
      deps.logger.error({ requestId, err }, 'Unhandled runtime error');
      if (!res.headersSent) send(res, 500, { status: 500, msg: 'Internal error' });
      else res.end();
    });
  });
}
