import { handleSyncChanges } from '@tessera/api/http';

import { getServices } from '~/server/services';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  return handleSyncChanges(getServices(), req, {
    requestId: req.headers.get('x-request-id') ?? crypto.randomUUID(),
    ip: req.headers.get('x-tessera-client-ip') ?? 'unknown',
  });
}
