/**
 * Forwards a request for an ejected entity to its service and streams the answer back: the
 * body as it arrives (refused past the limit), the caller's credentials and request id, and
 * `X-Forwarded-*`; a service that does not start answering within the time limit gets 504,
 * one that cannot be reached 503 with `Retry-After` (and is marked down, so the next requests
 * do not wait on it).
 */
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';

import { AppError } from '@tessera/errors';

import type { ServiceHealth } from './service-health';

/** Hop-by-hop headers (RFC 9110 §7.6.1): for one connection, never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
]);

export const RETRY_AFTER_SECONDS = 5;
/** How long an ejected service may take to start answering: as long as the runtime's own reads. */
export const DEFAULT_FORWARD_TIMEOUT_MS = 30_000;

export interface ForwardOptions {
  /** The service's base URL. */
  service: string;
  req: IncomingMessage;
  res: ServerResponse;
  /** The path and query to ask the service for. */
  path: string;
  requestId: string;
  clientIp: string;
  bodyLimit: number;
  /** How long the service may take to start answering. */
  timeoutMs: number;
  health: ServiceHealth;
}

export const unavailable = (service: string) =>
  new AppError(
    'SERVICE_UNAVAILABLE',
    `The service for this entity (${service}) is not answering; try again shortly`,
    {
      retryAfter: RETRY_AFTER_SECONDS,
    },
  );

function forwardedHeaders(options: ForwardOptions): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(options.req.headers))
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  const prior = options.req.headers['x-forwarded-for'];
  headers['x-forwarded-for'] = prior ? `${String(prior)}, ${options.clientIp}` : options.clientIp;
  headers['x-forwarded-host'] = options.req.headers.host ?? '';
  headers['x-forwarded-proto'] = 'http';
  headers['x-request-id'] = options.requestId;
  return headers;
}

export function forwardRequest(options: ForwardOptions): Promise<void> {
  const { req, res, service, health } = options;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > options.bodyLimit)
    return Promise.reject(
      new AppError(
        'PAYLOAD_TOO_LARGE',
        `The body is larger than ${Math.round(options.bodyLimit / 1024 / 1024)} MiB`,
      ),
    );
  const target = new URL(options.path, service);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<void>((resolve, reject) => {
    let answered = false;
    const upstream = send(target, { method: req.method, headers: forwardedHeaders(options) });
    const timer = setTimeout(() => {
      upstream.destroy(
        new AppError(
          'GATEWAY_TIMEOUT',
          `The service for this entity did not answer within ${options.timeoutMs / 1000} s`,
        ),
      );
    }, options.timeoutMs);
    upstream.on('response', (answer) => {
      answered = true;
      clearTimeout(timer);
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers))
        if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
      // Ours, the caller's: the service echoes it, but the runtime's answer carries it once.
      headers['x-request-id'] = options.requestId;
      res.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(res);
      answer.on('end', () => resolve());
      answer.on('error', (error) => {
        res.destroy(error);
        resolve();
      });
      // The caller went away: stop reading from the service.
      res.on('close', () => answer.destroy());
    });
    upstream.on('error', (error: Error & { code?: string }) => {
      clearTimeout(timer);
      if (answered) return;
      if (error instanceof AppError) return reject(error);
      if (
        error.code &&
        [
          'ECONNREFUSED',
          'ECONNRESET',
          'EHOSTUNREACH',
          'ENOTFOUND',
          'ETIMEDOUT',
          'EAI_AGAIN',
        ].includes(error.code)
      ) {
        health.markDown(service, error.message);
        return reject(unavailable(service));
      }
      reject(error);
    });
    // The body streams through, counted: past the limit the forward stops with 413.
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.bodyLimit) {
        req.unpipe(upstream);
        upstream.destroy(
          new AppError(
            'PAYLOAD_TOO_LARGE',
            `The body is larger than ${Math.round(options.bodyLimit / 1024 / 1024)} MiB`,
          ),
        );
      }
    });
    req.pipe(upstream);
  });
}
