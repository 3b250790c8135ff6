/** The data API's refusals, with the messages per field a 422 carries. */
export class ApiError<Field extends string = string> extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    message: string,
    /** Messages by field (a 422's validation errors), typed by the write that was refused. */
    readonly fieldErrors: Partial<Record<Field, string>>,
    readonly requestId: string | null,
    /** Whatever else the answer said (a 409's current row, a 429's wait). */
    readonly body: unknown,
  ) {
    super(message);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
