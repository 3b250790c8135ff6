/** `POST /api/auth/token`: email + password → bearer token, for scripts. */
import { handleTokenRequest } from '@tessera/api/http';

import { getServices } from '~/server/services';

export async function POST(req: Request) {
  return handleTokenRequest(getServices(), req, {
    requestId: req.headers.get('x-request-id') ?? crypto.randomUUID(),
    ip: req.headers.get('x-tessera-client-ip') ?? 'unknown',
  });
}
