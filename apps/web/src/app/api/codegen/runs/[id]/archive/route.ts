import { handleCodegenArchive } from '@tessera/api/http';

import { getServices } from '~/server/services';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleCodegenArchive(getServices(), req, (await params).id, {
    requestId: req.headers.get('x-request-id') ?? crypto.randomUUID(),
    ip: req.headers.get('x-tessera-client-ip') ?? 'unknown',
  });
}
