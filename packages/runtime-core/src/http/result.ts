/** Results in amis's envelope: `{ status: 0, msg, data }`, or the HTTP status repeated in the body. */
export interface HttpResult {
  status: number;
  body: string;
  headers?: Record<string, string>;
  /** For a success, the JSON text of `data` alone. */
  data?: string;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const fail = (
  status: number,
  msg: string,
  extra?: { errors?: Record<string, string>; [key: string]: unknown },
): HttpResult => ({
  status,
  body: JSON.stringify({ status, msg, ...extra }),
});

/** `json` is already JSON text (usually built by PostgreSQL) and is embedded as it is. */
export const ok = (json: string): HttpResult => ({
  status: 200,
  body: `{"status":0,"msg":"","data":${json}}`,
  data: json,
});

export const isResult = (value: unknown): value is HttpResult =>
  typeof value === 'object' && value !== null && 'status' in value && 'body' in value;
