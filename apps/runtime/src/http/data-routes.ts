/**
 * /api/v1/{project}/{entity}[/{id}|/bulk|/import|/export|/aggregate]: authentication, the
 * cross-site check for cookie writes, body reading, then the matching operation.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { isCrossSiteRequest, readCredential } from '@tessera/auth';
import {
  aggregateRows,
  bulkUpdate,
  createRow,
  deleteRow,
  deleteRows,
  exportRows,
  importRows,
  readRows,
  updateRow,
} from '@tessera/runtime-core';

import type { RuntimeDeps } from '../server';
import { admit } from './admit';
import { BodyError, readCsv, readJson, refuse, sendResult } from './io';

export const DATA_ROUTE =
  /^\/api\/v1\/([a-z][a-z0-9_]{1,39})\/([a-z][a-z0-9_]{1,39})(?:\/([^/]+))?\/?$/;

const ACTIONS = new Set(['bulk', 'import', 'export', 'aggregate']);

export async function dataRoute(
  deps: RuntimeDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  match: RegExpExecArray,
  /** The caller's own request id, or a fresh one; it ties audit entries to the request. */
  requestId: string,
): Promise<void> {
  const method = req.method ?? 'GET';
  const [, project, entity, raw] = match as unknown as [string, string, string, string?];
  const segment = raw === undefined ? undefined : decodeURIComponent(raw);
  const action = segment !== undefined && ACTIONS.has(segment) ? segment : undefined;
  const id = action ? undefined : segment;
  const admitted = await admit(deps, req, res, project);
  if (!admitted) return;
  const { headers, caller } = admitted;
  const common = {
    db: deps.pool,
    overview: deps.metadata(),
    caller,
    project,
    entity,
    announce: deps.changes.isWatched(project),
    requestId,
  };
  const query = url.searchParams;
  if (method === 'GET' || method === 'HEAD') {
    if (action === 'export') {
      const result = await exportRows({ ...common, pool: deps.pool, query });
      if (!('stream' in result)) return sendResult(res, result);
      res.writeHead(200, {
        'content-type': result.contentType,
        'content-disposition': `attachment; filename="${result.filename}"`,
        'cache-control': 'no-store',
      });
      res.on('close', () => result.stream.destroy());
      result.stream.on('error', (error) => {
        deps.logger.warn({ message: error.message }, 'Export stopped');
        res.destroy();
      });
      result.stream.pipe(res);
      return;
    }
    if (action === 'aggregate') return sendResult(res, await aggregateRows({ ...common, query }));
    if (action) return refuse(res, 405, `${method} is not supported here`);
    return sendResult(res, await readRows({ ...common, id, query }));
  }
  const allowed =
    (method === 'POST' && (segment === undefined || action === 'bulk' || action === 'import')) ||
    ((method === 'PUT' || method === 'DELETE') && id !== undefined) ||
    (method === 'DELETE' && segment === undefined);
  if (!allowed) return refuse(res, 405, `${method} is not supported here`);
  if (
    readCredential(headers)?.source === 'cookie' &&
    isCrossSiteRequest(headers, {
      host: headers.get('host') ?? '',
      allowedOrigins: deps.allowedOrigins,
    })
  ) {
    return refuse(res, 403, 'Cross-site requests may not change data');
  }
  try {
    if (method === 'DELETE')
      return sendResult(
        res,
        id === undefined
          ? await deleteRows({ ...common, ids: query.get('ids') })
          : await deleteRow({ ...common, id }),
      );
    if (action === 'import')
      return sendResult(
        res,
        await importRows({ ...common, pool: deps.pool, csv: await readCsv(req, headers) }),
      );
    const body = await readJson(req);
    if (action === 'bulk')
      return sendResult(res, await bulkUpdate({ ...common, pool: deps.pool, body }));
    if (method === 'POST')
      return sendResult(
        res,
        await createRow({ ...common, body, idempotencyKey: headers.get('idempotency-key') }),
      );
    return sendResult(
      res,
      await updateRow({ ...common, id: id!, body, ifMatch: headers.get('if-match') }),
    );
  } catch (error) {
    if (error instanceof BodyError) return refuse(res, error.status, error.message);
    throw error;
  }
}
