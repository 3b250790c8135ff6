/**
 * What the console's Node server does around Next.js for every request: assign the request id
 * (the caller's if well-formed), resolve the client address (believing X-Forwarded-* only from
 * trusted proxies), and write one JSON log line when the response finishes.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { clientIp } from '@tessera/auth';

const REQUEST_ID = /^[\w.:-]{8,128}$/;
const FORWARDED = [
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  'x-forwarded-port',
  'forwarded',
];

export interface RequestLogger {
  info: (obj: object, msg: string) => void;
  error: (obj: object, msg: string) => void;
}

export interface HttpLayerOptions {
  trustedProxies: readonly string[];
  logger: RequestLogger;
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** Paths not worth a log line (static assets). */
  quietPrefixes?: readonly string[];
}

export function createHttpLayer({
  trustedProxies,
  logger,
  handle,
  quietPrefixes = ['/_next/'],
}: HttpLayerOptions) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const incoming = req.headers['x-request-id'];
    const requestId =
      typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const peer = req.socket.remoteAddress?.replace(/^::ffff:/, '');
    const ip = clientIp({
      remoteAddress: req.socket.remoteAddress,
      forwardedFor: req.headers['x-forwarded-for'] as string | undefined,
      trustedProxies,
    });
    if (!peer || !trustedProxies.includes(peer)) {
      for (const header of FORWARDED) delete req.headers[header];
    }
    req.headers['x-request-id'] = requestId;
    req.headers['x-tessera-client-ip'] = ip;
    res.setHeader('x-request-id', requestId);
    res.on('finish', () => {
      if (quietPrefixes.some((p) => req.url?.startsWith(p))) return;
      logger.info(
        {
          requestId,
          method: req.method,
          url: req.url,
          status: res.statusCode,
          durationMs: Math.round(performance.now() - started),
          ip,
        },
        'request',
      );
    });
    handle(req, res).catch((err: unknown) => {
      logger.error({ requestId, err }, 'Unhandled request error');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 500, msg: 'Internal error', requestId }));
    });
  };
}
