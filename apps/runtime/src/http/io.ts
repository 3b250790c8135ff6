/** Reading request bodies and writing responses, in amis's envelope. */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { AppError } from '@tessera/errors';
import type { HttpResult } from '@tessera/runtime-core';

export const MAX_JSON_BODY = 1024 * 1024;
export const MAX_UPLOAD = 10 * 1024 * 1024;
/** Deeper than any model needs, shallow enough for every recursive step after parsing. */
export const MAX_JSON_DEPTH = 32;

export async function readRaw(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw tooLarge(limit);
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const tooLarge = (limit: number) =>
  new AppError(
    'PAYLOAD_TOO_LARGE',
    `The body is larger than ${Math.round(limit / 1024 / 1024)} MiB`,
  );

/**
 * How deeply `text` (JSON) nests arrays and objects, counted without parsing it, so a body
 * nested thousands deep is refused before anything recursive walks it.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) deepest = Math.max(deepest, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return deepest;
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = (await readRaw(req, MAX_JSON_BODY)).toString('utf8');
  if (jsonDepth(text) > MAX_JSON_DEPTH)
    throw new AppError('BAD_REQUEST', `The body nests deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('BAD_REQUEST', 'The body must be JSON');
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
    throw new AppError('BAD_REQUEST', 'The form could not be read');
  }
  const file = form.get('file');
  if (!file || typeof file === 'string')
    throw new AppError('BAD_REQUEST', 'Send the CSV as the form field "file"');
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
