/** Reading request bodies and writing responses, in amis's envelope. */
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { HttpResult } from '@tessera/runtime-core';

export const MAX_JSON_BODY = 1024 * 1024;
export const MAX_UPLOAD = 10 * 1024 * 1024;

export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function readRaw(req: IncomingMessage, limit: number): Promise<Buffer> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit)
      throw new BodyError(413, `The body is larger than ${Math.round(limit / 1024 / 1024)} MiB`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const raw = await readRaw(req, MAX_JSON_BODY);
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new BodyError(400, 'The body must be JSON');
  }
}

/** CSV sent as it is, or as the `file` of a multipart form (amis's upload). */
export async function readCsv(req: IncomingMessage, headers: RequestHeaders): Promise<string> {
  const raw = await readRaw(req, MAX_UPLOAD);
  const type = headers.get('content-type') ?? '';
  if (!type.startsWith('multipart/form-data')) return raw.toString('utf8');
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(raw), {
      headers: { 'content-type': type },
    }).formData();
  } catch {
    throw new BodyError(400, 'The form could not be read');
  }
  const file = form.get('file');
  if (!file || typeof file === 'string')
    throw new BodyError(400, 'Send the CSV as the form field "file"');
  return file.text();
}

/** The request's headers behind the Fetch API's `get`, without copying them. */
export type RequestHeaders = Pick<Headers, 'get'>;

export function toHeaders(req: IncomingMessage): RequestHeaders {
  return {
    get(name: string) {
      const value = req.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

export function sendText(
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

export function send(res: ServerResponse, status: number, body: unknown) {
  sendText(res, status, JSON.stringify(body));
}

export const sendResult = (res: ServerResponse, result: HttpResult) =>
  sendText(res, result.status, result.body, result.headers);

export const refuse = (res: ServerResponse, status: number, msg: string) =>
  send(res, status, { status, msg });
