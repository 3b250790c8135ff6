/**
 * The one table of application error codes. Domain code throws `AppError(code, message)`;
 * the tRPC error formatter and every HTTP adapter translate it through this table.
 */
export const ERROR_CODES = {
  BAD_REQUEST: { http: 400, trpc: 'BAD_REQUEST' },
  UNAUTHENTICATED: { http: 401, trpc: 'UNAUTHORIZED' },
  INVALID_CREDENTIALS: { http: 401, trpc: 'UNAUTHORIZED' },
  FORBIDDEN: { http: 403, trpc: 'FORBIDDEN' },
  CROSS_SITE_REQUEST: { http: 403, trpc: 'FORBIDDEN' },
  NOT_FOUND: { http: 404, trpc: 'NOT_FOUND' },
  METHOD_NOT_ALLOWED: { http: 405, trpc: 'METHOD_NOT_SUPPORTED' },
  CONFLICT: { http: 409, trpc: 'CONFLICT' },
  ALREADY_SET_UP: { http: 409, trpc: 'CONFLICT' },
  PAYLOAD_TOO_LARGE: { http: 413, trpc: 'PAYLOAD_TOO_LARGE' },
  VALIDATION: { http: 422, trpc: 'UNPROCESSABLE_CONTENT' },
  RATE_LIMITED: { http: 429, trpc: 'TOO_MANY_REQUESTS' },
  INTERNAL: { http: 500, trpc: 'INTERNAL_SERVER_ERROR' },
  SERVICE_UNAVAILABLE: { http: 503, trpc: 'SERVICE_UNAVAILABLE' },
  /** A service this one forwards to did not answer in time. */
  GATEWAY_TIMEOUT: { http: 504, trpc: 'GATEWAY_TIMEOUT' },
} as const satisfies Record<string, { http: number; trpc: string }>;

export type AppErrorCode = keyof typeof ERROR_CODES;
export type TrpcErrorCode = (typeof ERROR_CODES)[AppErrorCode]['trpc'];

export interface AppErrorOptions {
  cause?: unknown;
  /** Per-field messages, shown beside form fields. */
  fieldErrors?: Record<string, string>;
  /** Seconds after which a rate-limited caller may retry. */
  retryAfter?: number;
  /**
   * More about the refusal for the caller, added to the answer beside the message (the
   * current version of a row changed meanwhile, the lines of a refused import).
   */
  details?: Record<string, unknown>;
}

/**
 * Marks an AppError across copies of this module: the console's server and its Next bundle each
 * load one, and an error thrown by code wired from the server (the code generator) must still
 * be known as an AppError by the bundled API.
 */
const APP_ERROR = Symbol.for('tessera.AppError');

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly [APP_ERROR] = true;

  static override [Symbol.hasInstance](value: unknown): boolean {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as { [APP_ERROR]?: unknown })[APP_ERROR] === true
    );
  }

  readonly code: AppErrorCode;
  readonly fieldErrors?: Record<string, string>;
  readonly retryAfter?: number;
  readonly details?: Record<string, unknown>;

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.retryAfter = options.retryAfter;
    this.details = options.details;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].http;
  }

  get trpcCode(): TrpcErrorCode {
    return ERROR_CODES[this.code].trpc;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Finds an AppError in an error's cause chain (tRPC wraps thrown errors). */
export function findAppError(error: unknown): AppError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof AppError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
