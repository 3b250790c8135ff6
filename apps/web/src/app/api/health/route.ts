import { checkHealth, healthHttpStatus } from '@tessera/db/health';

import { getServices } from '~/server/services';

export const dynamic = 'force-dynamic';

export async function GET() {
  const { db } = getServices();
  const report = await checkHealth({ ping: () => db.$queryRaw`SELECT 1` });
  return Response.json(report, {
    status: healthHttpStatus(report),
    headers: { 'cache-control': 'no-store' },
  });
}
