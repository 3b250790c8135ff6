/**
 * GET /api/codegen/runs/{id}/archive: a kept generation as a zip, for holders of
 * `codegen:run` (a browser's session cookie or a bearer token).
 */
import { findAppError } from '@tessera/errors';
import { z } from 'zod';

import type { ApiServices } from '../context';
import { runArchive } from '../services/codegen/runs';
import { authorise, type RequestInfo } from './authorise';
import { jsonError } from './json-error';

export async function handleCodegenArchive(
  services: ApiServices,
  req: Request,
  id: string,
  info: RequestInfo,
): Promise<Response> {
  if (!z.uuid().safeParse(id).success) return jsonError(404, 'No such generation', info.requestId);
  const ctx = await authorise(services, req, info, 'codegen:run');
  if (ctx instanceof Response) return ctx;
  try {
    const { bytes, filename } = await runArchive(ctx, id);
    return new Response(Buffer.from(bytes), {
      headers: {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="${filename}"`,
        'content-length': String(bytes.byteLength),
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    const appError = findAppError(error);
    if (!appError) throw error;
    return jsonError(appError.httpStatus, appError.message, info.requestId);
  }
}
