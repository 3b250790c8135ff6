import { checkHealth, healthHttpStatus } from '@tessera/api/http';

import { getServices } from '~/server/services';

export const dynamic = 'force-dynamic';

export async function GET() {
  const report = await checkHealth(getServices().db);
  return Response.json(report, { status: healthHttpStatus(report), headers: { 'cache-control': 'no-store' } });
}
