/**
 * GET /api/v1/{project}/{entity} and GET /api/v1/{project}/{entity}/{id}, answered in amis's
 * envelope. The JSON comes out of PostgreSQL as text and is written straight into the body.
 */
import type pg from 'pg';

import type { SchemaOverview } from '../metadata/overview';
import { compileFilter, FilterError, parseFilterParam } from '../query/filter';
import { compileModel, LIST_FIXED_PARAMS, type ReadPlan, type SortKey } from '../query/read-plan';

export interface HttpResult {
  status: number;
  body: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_PER_PAGE = 200;

const fail = (status: number, msg: string): HttpResult => ({
  status,
  body: JSON.stringify({ status, msg }),
});
const ok = (json: string): HttpResult => ({
  status: 200,
  body: `{"status":0,"msg":"","data":${json}}`,
});

/** Plans are compiled once per model version and reused until the next publish. */
const planCache = new WeakMap<object, ReadonlyMap<string, ReadPlan>>();

function planFor(overview: SchemaOverview, project: string, entity: string): ReadPlan | HttpResult {
  const model = overview.models.get(project);
  if (!model) return fail(404, `No project '${project}'`);
  let plans = planCache.get(model);
  if (!plans) planCache.set(model, (plans = compileModel(model.document)));
  return plans.get(entity) ?? fail(404, `No entity '${entity}' in project '${project}'`);
}

function pageParams(query: URLSearchParams): { limit: number; offset: number } | HttpResult {
  const page = query.get('page') ?? '1';
  const perPage = query.get('perPage') ?? '20';
  if (!/^\d{1,9}$/.test(page) || Number(page) < 1)
    return fail(400, `page must be a whole number from 1, not '${page.slice(0, 20)}'`);
  if (!/^\d{1,4}$/.test(perPage) || Number(perPage) < 1 || Number(perPage) > MAX_PER_PAGE) {
    return fail(
      400,
      `perPage must be a whole number from 1 to ${MAX_PER_PAGE}, not '${perPage.slice(0, 20)}'`,
    );
  }
  return { limit: Number(perPage), offset: (Number(page) - 1) * Number(perPage) };
}

/** `sort=-total,name`, or amis's `orderBy` + `orderDir`. Unknown fields are refused by name. */
function sortParams(query: URLSearchParams, plan: ReadPlan): SortKey[] | HttpResult {
  const keys: SortKey[] = [];
  const sort = query.get('sort');
  const orderBy = query.get('orderBy');
  if (sort) {
    for (const part of sort.split(',').slice(0, 5)) {
      const desc = part.startsWith('-');
      keys.push({ field: desc ? part.slice(1) : part, desc });
    }
  } else if (orderBy) {
    const dir = (query.get('orderDir') ?? 'asc').toLowerCase();
    if (dir !== 'asc' && dir !== 'desc')
      return fail(400, `orderDir must be asc or desc, not '${dir.slice(0, 20)}'`);
    keys.push({ field: orderBy, desc: dir === 'desc' });
  }
  const unknown = keys.find((k) => !plan.sortable.has(k.field));
  if (unknown)
    return fail(
      400,
      `Cannot sort ${plan.entity} by '${unknown.field.slice(0, 40)}': no such field`,
    );
  return keys;
}

function likePattern(keywords: string): string {
  return `%${keywords.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function readRows(options: {
  db: Pick<pg.Pool, 'query'>;
  overview: SchemaOverview;
  project: string;
  entity: string;
  id?: string;
  query: URLSearchParams;
}): Promise<HttpResult> {
  const plan = planFor(options.overview, options.project, options.entity);
  if ('status' in plan) return plan;
  if (options.id !== undefined) {
    if (!UUID.test(options.id))
      return fail(404, `No ${options.entity} '${options.id.slice(0, 40)}'`);
    const { rows } = await options.db.query<{ json: string }>(plan.getSql, [options.id]);
    return rows[0] ? ok(rows[0].json) : fail(404, `No ${options.entity} '${options.id}'`);
  }
  const page = pageParams(options.query);
  if ('status' in page) return page;
  const sort = sortParams(options.query, plan);
  if ('status' in sort) return sort;
  const keywords = options.query.get('keywords')?.trim() || null;
  if (keywords && keywords.length > 200)
    return fail(400, 'keywords must be at most 200 characters');
  let filter: { sql: string; params: unknown[] } | null = null;
  try {
    const parsed = parseFilterParam(options.query.get('filter'));
    const model = options.overview.models.get(options.project)!;
    const entity = model.document.entities.find((e) => e.code === options.entity)!;
    if (parsed !== null)
      filter = compileFilter({
        doc: model.document,
        entity,
        alias: 'e',
        filter: parsed,
        offset: LIST_FIXED_PARAMS,
      });
  } catch (error) {
    if (error instanceof FilterError) return fail(400, error.message);
    throw error;
  }
  const fields = options.query.get('fields');
  const requested = fields
    ? fields
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean)
    : null;
  if (requested) {
    if (requested.length > 200) return fail(400, 'fields lists at most 200 fields');
    const path = requested.find((f) => f.includes('.'));
    if (path)
      return fail(400, `fields: relation paths like '${path.slice(0, 60)}' are not supported yet`);
    const unknown = requested.find((f) => !plan.sortable.has(f));
    if (unknown) return fail(400, `fields: ${plan.entity} has no field '${unknown.slice(0, 40)}'`);
  }
  const count = options.query.get('count') ?? 'exact';
  if (count !== 'exact' && count !== 'estimated' && count !== 'none') {
    return fail(400, `count must be exact, estimated or none, not '${count.slice(0, 20)}'`);
  }
  const params: unknown[] = [
    page.limit,
    page.offset,
    keywords ? likePattern(keywords) : null,
    ...(filter?.params ?? []),
  ];
  const { rows } = await options.db.query<{ json: string }>(
    plan.listSql({ sort, filter: filter?.sql ?? null, fields: requested, count }),
    params,
  );
  return ok(rows[0]!.json);
}
