/**
 * What the console's Node server does around Next.js for every request: assign the request id
 * (the caller's if well-formed), resolve the client address (believing X-Forwarded-* only from
 * trusted proxies), refuse a body larger than its route takes before anything reads it, and
 * write one JSON log line when the response finishes.
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
  /** The largest body a path may send, in bytes. */
  bodyLimit?: (pathname: string) => number;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Why a request's body is refused unread: larger than its route takes (413), or of unknown
 * length (411: what it sends could only be measured by reading it). Null when it may be read.
 */
function bodyRefusal(
  req: IncomingMessage,
  limit: (pathname: string) => number,
): { status: number; msg: string } | null {
  if (!BODY_METHODS.has(req.method ?? 'GET')) return null;
  const declared = req.headers['content-length'];
  if (declared === undefined)
    return req.headers['transfer-encoding']
      ? { status: 411, msg: 'Send the body with a Content-Length' }
      : null;
  const max = limit(new URL(req.url ?? '/', 'http://console').pathname);
  return Number(declared) > max
    ? {
        status: 413,
        msg: `The body is larger than this route takes (${Math.round(max / 1024)} KiB)`,
      }
    : null;
}

export function createHttpLayer({
  trustedProxies,
  logger,
  handle,
  quietPrefixes = ['/_next/'],
  bodyLimit = () => 1024 * 1024,
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
    const refused = bodyRefusal(req, bodyLimit);
    if (refused) {
      // The body is never read: the connection closes after the answer.
      res.writeHead(refused.status, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ ...refused, requestId }));
      logger.info(
        { requestId, method: req.method, url: req.url, status: refused.status, ip },
        'request',
      );
      return;
    }
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
