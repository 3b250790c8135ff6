/**
 * The runtime's HTTP server. It answers in amis's envelope, carries a request id on every
 * response and logs one JSON line per request. Entity routes are mounted here as they arrive.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import { checkHealth, healthHttpStatus } from '@tessera/db/health';
import type pg from 'pg';
import type { Logger } from 'pino';

const REQUEST_ID = /^[\w.:-]{8,128}$/;

export interface RuntimeDeps {
  pool: pg.Pool;
  logger: Logger;
  /** The published model versions being served, by project; null until one is published. */
  metadataVersion: () => Record<string, number> | null;
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
