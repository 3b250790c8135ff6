/**
 * What every data route starts with: the project's published model, the entity, its compiled
 * read plan and the caller's access, or the 404 that says which part does not exist.
 */
import { AppError } from '@tessera/errors';
import type { Entity, ModelDocument } from '@tessera/meta';
import type pg from 'pg';

import type { DataAction } from '../access/grants';
import { accessKey, type Caller, type EntityAccess, entityAccess } from '../access/policy';
import type { SchemaOverview } from '../metadata/overview';
import type { AccessLookup } from '../query/filter';
import { compileModel, type ReadPlan } from '../query/read-plan';
import { notFound } from './result';

export interface DataRequest {
  db: Pick<pg.Pool, 'query'>;
  overview: SchemaOverview;
  caller: Caller;
  project: string;
  entity: string;
}

export interface Target {
  doc: ModelDocument;
  /** The published version served; part of every prepared statement's name. */
  version: number;
  entity: Entity;
  plan: ReadPlan;
  /** The caller's access for `action` on this entity, per entity code. */
  access: (action: DataAction, entity?: string) => EntityAccess | null;
  /** Read access per entity, for filters and paths. */
  readable: AccessLookup;
  /**
   * Identifies what the caller may read across the project: equal keys see the same fields,
   * entities and row filters (with the same values), so compiled pieces may be shared.
   */
  accessKey: string;
}

/** Plans are compiled once per model version and reused until the next publish. */
const planCache = new WeakMap<object, ReadonlyMap<string, ReadPlan>>();

export function plansFor(model: { document: ModelDocument }): ReadonlyMap<string, ReadPlan> {
  let plans = planCache.get(model);
  if (!plans) planCache.set(model, (plans = compileModel(model.document)));
  return plans;
}

export function resolveTarget(request: DataRequest): Target {
  const model = request.overview.models.get(request.project);
  if (!model) throw notFound(`No project '${request.project}'`);
  const plan = plansFor(model).get(request.entity);
  const entity = model.document.entities.find((e) => e.code === request.entity);
  if (!plan || !entity)
    throw notFound(`No entity '${request.entity}' in project '${request.project}'`);
  const access = (action: DataAction, code = request.entity) =>
    entityAccess(request.overview, request.caller, request.project, code, action);
  return {
    doc: model.document,
    version: model.version,
    entity,
    plan,
    access,
    readable: (code) => access('read', code),
    accessKey: accessKey(request.caller, 'read'),
  };
}

export const denied = (action: DataAction, entity: string) =>
  new AppError('FORBIDDEN', `You may not ${action} ${entity}`);
