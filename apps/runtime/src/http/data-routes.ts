/**
 * /api/v1/{project}/{entity}[/{id}|/bulk|/import|/export|/aggregate]: authentication, the
 * cross-site check for cookie writes, body reading, then the matching operation.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { isCrossSiteRequest, readCredential } from '@tessera/auth';
import { AppError } from '@tessera/errors';
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

import type { RouteDeps } from '../server';
import { admit } from './admit';
import { forwardRequest, unavailable } from '../forward/forward';
import { MAX_JSON_BODY, MAX_UPLOAD, readCsv, readJson, sendResult } from './io';
import { cutWhenStalled } from './stall';

export const DATA_ROUTE =
  /^\/api\/v1\/([a-z][a-z0-9_]{1,39})\/([a-z][a-z0-9_]{1,39})(?:\/([^/]+))?\/?$/;

const ACTIONS = new Set(['bulk', 'import', 'export', 'aggregate']);

export async function dataRoute(
  deps: RouteDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  match: RegExpExecArray,
  /** The caller's own request id, or a fresh one; it ties audit entries to the request. */
  requestId: string,
): Promise<void> {
  const method = req.method ?? 'GET';
  const [, project, entity, raw] = match as unknown as [string, string, string, string?];
  const segment = raw === undefined ? undefined : decodeSegment(raw, entity);
  const action = segment !== undefined && ACTIONS.has(segment) ? segment : undefined;
  const id = action ? undefined : segment;
  const { headers, caller, key } = await admit(deps, req, res, project);
  // An ejected entity is its service's: the request goes there, as it came.
  // The request sees one model from here on, whatever a reload does meanwhile.
  const overview = deps.metadata();
  const model = overview.models.get(project);
  const service = model?.document.service?.url;
  if (service && model.document.entities.some((e) => e.code === entity && e.mode === 'ejected')) {
    if (deps.services.watch(service) === 'down') throw unavailable(service);
    return forwardRequest({
      service,
      req,
      res,
      path: `${url.pathname}${url.search}`,
      requestId,
      clientIp: req.socket.remoteAddress ?? '',
      bodyLimit: action === 'import' ? MAX_UPLOAD : MAX_JSON_BODY,
      timeoutMs: deps.forwardTimeoutMs,
      health: deps.services,
    });
  }
  // Every query of this request counts against the caller's share of the pool.
  const db = deps.share.for(key);
  const common = {
    db,
    overview,
    caller,
    project,
    entity,
    announce: deps.changes.isWatched(project),
    requestId,
  };
  const query = url.searchParams;
  if (method === 'GET' || method === 'HEAD') {
    if (action === 'export') {
      const result = await exportRows({ ...common, pool: db, query });
      res.writeHead(200, {
        'content-type': result.contentType,
        'content-disposition': `attachment; filename="${result.filename}"`,
        'cache-control': 'no-store',
      });
      res.on('close', () => result.stream.destroy());
      // A reader that stops reading would hold the export's connection for as long as it likes.
      cutWhenStalled(res, deps.stallMs, () =>
        deps.logger.warn({ requestId, key }, 'Export cut: its reader stopped reading'),
      );
      result.stream.on('error', (error) => {
        deps.logger.warn({ message: error.message }, 'Export stopped');
        res.destroy();
      });
      result.stream.pipe(res);
      return;
    }
    if (action === 'aggregate') return sendResult(res, await aggregateRows({ ...common, query }));
    if (action) throw notSupported(method);
    return sendResult(res, await readRows({ ...common, id, query }));
  }
  const allowed =
    (method === 'POST' && (segment === undefined || action === 'bulk' || action === 'import')) ||
    ((method === 'PUT' || method === 'DELETE') && id !== undefined) ||
    (method === 'DELETE' && segment === undefined);
  if (!allowed) throw notSupported(method);
  if (
    readCredential(headers)?.source === 'cookie' &&
    isCrossSiteRequest(headers, {
      host: headers.get('host') ?? '',
      allowedOrigins: deps.allowedOrigins,
    })
  ) {
    throw new AppError('CROSS_SITE_REQUEST', 'Cross-site requests may not change data');
  }
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
      await importRows({ ...common, pool: db, csv: await readCsv(req, headers) }),
    );
  const body = await readJson(req);
  if (action === 'bulk') return sendResult(res, await bulkUpdate({ ...common, pool: db, body }));
  if (method === 'POST')
    return sendResult(
      res,
      await createRow({ ...common, body, idempotencyKey: headers.get('idempotency-key') }),
    );
  return sendResult(
    res,
    await updateRow({ ...common, id: id!, body, ifMatch: headers.get('if-match') }),
  );
}

const notSupported = (method: string) =>
  new AppError('METHOD_NOT_ALLOWED', `${method} is not supported here`);

/** A path segment as sent; a malformed escape (`%zz`) names no row or action. */
function decodeSegment(raw: string, entity: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new AppError('NOT_FOUND', `No ${entity} '${raw.slice(0, 40)}'`);
  }
}
