/** The JSON error body of plain HTTP endpoints. */
export function jsonError(
  status: number,
  message: string,
  requestId: string,
  errors?: Record<string, string>,
): Response {
  return Response.json(
    { status, msg: message, requestId, ...(errors ? { errors } : {}) },
    { status, headers: { 'cache-control': 'no-store' } },
  );
}
