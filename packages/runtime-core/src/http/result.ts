/**
 * Answers in amis's envelope: `{ status: 0, msg, data }` for a success; a refusal sets the HTTP
 * status of its AppError code (the one table in `@tessera/errors`) and repeats it in the body,
 * with the field messages as `errors` and any details beside them.
 */
import { AppError } from '@tessera/errors';

export interface HttpResult {
  status: number;
  body: string;
  headers?: Record<string, string>;
  /** For a success, the JSON text of `data` alone. */
  data?: string;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `json` is already JSON text (usually built by PostgreSQL) and is embedded as it is. */
export const ok = (json: string): HttpResult => ({
  status: 200,
  body: `{"status":0,"msg":"","data":${json}}`,
  data: json,
});

/** The envelope of a refusal. */
export function refusal(error: AppError): HttpResult {
  const status = error.httpStatus;
  return {
    status,
    body: JSON.stringify({
      ...error.details,
      status,
      msg: error.message,
      ...(error.fieldErrors ? { errors: error.fieldErrors } : {}),
    }),
    ...(error.retryAfter ? { headers: { 'retry-after': String(error.retryAfter) } } : {}),
  };
}

/** A caller's value as a message repeats it: short, control characters shown as '?'. */
export const shown = (value: string, length = 20) =>
  Array.from(value.slice(0, length), (c) => (c < ' ' ? '?' : c)).join('');

/** A query the data API cannot run as asked; the message names the parameter. */
export const badRequest = (message: string) => new AppError('BAD_REQUEST', message);

/** An unknown project, entity or row. */
export const notFound = (message: string) => new AppError('NOT_FOUND', message);

/** Values that need attention, by field. */
export const invalid = (errors: Record<string, string>, message = 'Some fields need attention') =>
  new AppError('VALIDATION', message, { fieldErrors: errors });
