/**
 * Sync endpoints for tools that send whole entities or documents. Writes carry the draft
 * revision they were based on; a stale one gets 409 with the current revision, never a silent
 * overwrite. What a write changed becomes model operations (`replacementOps`), saved, logged
 * and heard by open designers as theirs are.
 *   POST /api/sync/entity  { project, entity, operation: create|update|delete, timestamp, baseRevision }
 *   POST /api/sync/batch   { project, entities, relationships, syncTimestamp, baseRevision }
 *   GET  /api/sync/changes?since=<ISO timestamp>[&project=<code>]
 */
import { AppError, findAppError } from '@tessera/errors';
import { ZEntity, ZRelation } from '@tessera/meta';
import { z } from 'zod';

import type { ApiServices } from '../context';
import { applyModelOps, replacementOps } from '../services/schema/operations';
import { authorise, type RequestInfo } from './authorise';
import { jsonError } from './json-error';

const ZStamp = z.union([z.iso.datetime({ offset: true }), z.number().int().nonnegative()]);
const ZProject = z.string().min(1).max(40);

const ZSyncEntity = z.object({
  project: ZProject,
  entity: ZEntity,
  operation: z.enum(['create', 'update', 'delete']),
  timestamp: ZStamp,
  baseRevision: z.number().int().positive(),
});

const ZSyncBatch = z.object({
  project: ZProject,
  entities: z.array(ZEntity).max(1000),
  relationships: z.array(ZRelation).max(2000),
  syncTimestamp: ZStamp,
  baseRevision: z.number().int().positive(),
});

async function readJson<T>(
  req: Request,
  schema: z.ZodType<T>,
  info: RequestInfo,
): Promise<T | Response> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return jsonError(400, 'The body must be JSON', info.requestId);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    return jsonError(
      422,
      'Invalid input',
      info.requestId,
      Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || 'body', i.message])),
    );
  return parsed.data;
}

function failure(error: unknown, info: RequestInfo): Response {
  const appError = findAppError(error);
  if (!appError) throw error;
  const body = {
    status: appError.httpStatus,
    msg: appError.message,
    requestId: info.requestId,
    ...(appError.fieldErrors ? { errors: appError.fieldErrors } : {}),
  };
  if (appError.code === 'CONFLICT' && appError.fieldErrors?.baseRevision) {
    return Response.json(
      { ...body, currentRevision: Number(appError.fieldErrors.baseRevision) },
      { status: 409 },
    );
  }
  return Response.json(body, { status: appError.httpStatus });
}

export async function handleSyncEntity(
  services: ApiServices,
  req: Request,
  info: RequestInfo,
): Promise<Response> {
  const ctx = await authorise(services, req, info, 'entity:update');
  if (ctx instanceof Response) return ctx;
  const input = await readJson(req, ZSyncEntity, info);
  if (input instanceof Response) return input;
  try {
    const { revision } = await applyModelOps(ctx, {
      project: input.project,
      baseRevision: input.baseRevision,
      requireCurrent: true,
      operation: `sync.entity.${input.operation}`,
      entity: input.entity.code,
      ops: replacementOps((doc) => {
        const index = doc.entities.findIndex((e) =>
          input.entity.id ? e.id === input.entity.id : e.code === input.entity.code,
        );
        if (input.operation === 'create') doc.entities.push(input.entity);
        else if (index === -1)
          throw new AppError(
            'NOT_FOUND',
            `No entity '${input.entity.code}' in project '${input.project}'`,
          );
        else if (input.operation === 'update')
          doc.entities[index] = { ...input.entity, id: doc.entities[index]!.id };
        else {
          const code = doc.entities[index]!.code;
          doc.entities.splice(index, 1);
          doc.relations = doc.relations.filter(
            (r) => r.from !== code && r.to !== code && r.through !== code,
          );
        }
      }),
    });
    return Response.json({ status: 0, msg: '', data: { revision } });
  } catch (error) {
    return failure(error, info);
  }
}

export async function handleSyncBatch(
  services: ApiServices,
  req: Request,
  info: RequestInfo,
): Promise<Response> {
  const ctx = await authorise(services, req, info, 'entity:update');
  if (ctx instanceof Response) return ctx;
  const input = await readJson(req, ZSyncBatch, info);
  if (input instanceof Response) return input;
  try {
    const { revision, draft } = await applyModelOps(ctx, {
      project: input.project,
      baseRevision: input.baseRevision,
      requireCurrent: true,
      operation: 'sync.batch',
      ops: replacementOps((doc) => ({
        ...doc,
        entities: input.entities,
        relations: input.relationships,
      })),
    });
    return Response.json({
      status: 0,
      msg: '',
      data: { revision, entities: draft.entities.length, relationships: draft.relations.length },
    });
  } catch (error) {
    return failure(error, info);
  }
}

export async function handleSyncChanges(
  services: ApiServices,
  req: Request,
  info: RequestInfo,
): Promise<Response> {
  const ctx = await authorise(services, req, info, 'entity:read');
  if (ctx instanceof Response) return ctx;
  const params = new URL(req.url).searchParams;
  const since = ZStamp.safeParse(
    /^\d+$/.test(params.get('since') ?? '') ? Number(params.get('since')) : params.get('since'),
  );
  if (!since.success)
    return jsonError(400, 'since must be an ISO timestamp or epoch milliseconds', info.requestId);
  const project = params.get('project');
  const changes = await ctx.db.metaChange.findMany({
    where: { at: { gt: new Date(since.data) }, ...(project ? { project: { code: project } } : {}) },
    select: {
      id: true,
      revision: true,
      at: true,
      operation: true,
      entity: true,
      payload: true,
      project: { select: { code: true } },
    },
    orderBy: { id: 'asc' },
    take: 500,
  });
  return Response.json({
    status: 0,
    msg: '',
    data: {
      serverTime: new Date().toISOString(),
      hasMore: changes.length === 500,
      changes: changes.map((c) => ({
        id: c.id.toString(),
        project: c.project.code,
        revision: c.revision,
        at: c.at.toISOString(),
        operation: c.operation,
        entity: c.entity,
        document: c.payload,
      })),
    },
  });
}
