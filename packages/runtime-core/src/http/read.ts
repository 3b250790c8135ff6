/**
 * GET /api/v1/{project}/{entity} and GET /api/v1/{project}/{entity}/{id}, answered in amis's
 * envelope. The JSON comes out of PostgreSQL as text and is written straight into the body.
 * Only what the caller may read is visible: rows outside its row filter do not exist for it,
 * and neither do hidden fields, whether selected, sorted, filtered or searched.
 */
import type { EntityAccess } from '../access/policy';
import { compileFilter, parseFilterParam } from '../query/filter';
import { GET_FIXED_PARAMS, listFixedParams, type ReadPlan, type SortKey } from '../query/read-plan';
import { afterCondition, cursorExpression, orderKeys } from '../query/cursor';
import { prepared } from '../query/prepared';
import { filterText } from '../query/form-filter';
import { compileSelection, parseSelection } from '../query/selection';
import { PerPlan } from './per-plan';
import { badRequest, type HttpResult, notFound, ok, shown, UUID } from './result';
import { type DataRequest, denied, resolveTarget, type Target } from './target';

export type { HttpResult } from './result';

export const MAX_PER_PAGE = 200;

function pageParams(query: URLSearchParams): { limit: number; offset: number } {
  const page = query.get('page') ?? '1';
  const perPage = query.get('perPage') ?? '20';
  if (!/^\d{1,9}$/.test(page) || Number(page) < 1)
    throw badRequest(`page must be a whole number from 1, not '${shown(page)}'`);
  if (!/^\d{1,4}$/.test(perPage) || Number(perPage) < 1 || Number(perPage) > MAX_PER_PAGE) {
    throw badRequest(
      `perPage must be a whole number from 1 to ${MAX_PER_PAGE}, not '${shown(perPage)}'`,
    );
  }
  return { limit: Number(perPage), offset: (Number(page) - 1) * Number(perPage) };
}

/** The columns the caller may see: system fields always, the others as its access allows. */
export function visibleColumns(plan: ReadPlan, access: EntityAccess): Set<string> {
  return new Set(
    plan.columns.filter((c) => plan.system.includes(c) || !access.fields || access.fields.has(c)),
  );
}

/** `sort=-total,name`, or amis's `orderBy` + `orderDir`. Unknown fields are refused by name. */
function sortParams(query: URLSearchParams, plan: ReadPlan, columns: Set<string>): SortKey[] {
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
      throw badRequest(`orderDir must be asc or desc, not '${shown(dir)}'`);
    keys.push({ field: orderBy, desc: dir === 'desc' });
  }
  const unknown = keys.find((k) => !columns.has(k.field));
  if (unknown)
    throw badRequest(`Cannot sort ${plan.entity} by '${shown(unknown.field, 40)}': no such field`);
  return keys;
}

type CompiledSelection = { sql: string; params: unknown[]; names: string[] };
/** Compiled SELECT lists, for callers with the same access. */
const selections = new PerPlan<CompiledSelection>();

/** `fields` and `expand`, compiled into the SELECT list; parameters numbered after `offset`. */
function selectFor(target: Target, query: URLSearchParams, offset: number): CompiledSelection {
  const key = `${offset}\n${target.accessKey}\n${query.get('fields') ?? ''}\n${query.get('expand') ?? ''}`;
  return selections.get(target.plan, key, () => compileSelectFor(target, query, offset));
}

function compileSelectFor(
  target: Target,
  query: URLSearchParams,
  offset: number,
): CompiledSelection {
  return compileSelection({
    doc: target.doc,
    entity: target.entity,
    alias: 'e',
    selection: parseSelection(query.get('fields'), query.get('expand')),
    access: target.readable,
    offset,
  });
}

type CompiledWhere = { sql: string | null; params: unknown[] };
/** Compiled filters, for callers with the same access. */
const wheres = new PerPlan<CompiledWhere>();

/** The caller's filter and its row filter, compiled; parameters numbered after `offset`. */
export function whereFor(
  target: Target,
  access: EntityAccess,
  filterText: string | null,
  offset: number,
): CompiledWhere {
  const key = `${offset}\n${target.accessKey}\n${filterText ?? ''}`;
  return wheres.get(target.plan, key, () => compileWhere(target, access, filterText, offset));
}

function compileWhere(
  target: Target,
  access: EntityAccess,
  filterText: string | null,
  offset: number,
): CompiledWhere {
  return compileFilter({
    doc: target.doc,
    entity: target.entity,
    alias: 'e',
    filter: parseFilterParam(filterText),
    offset,
    access: target.readable,
    rowFilter: access.rowFilter,
  });
}

function likePattern(keywords: string): string {
  return `%${keywords.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The parts of a list request shared by lists and exports, parameters after the fixed three. */
export interface ListQuery {
  target: Target;
  sort: SortKey[];
  keywords: string | null;
  where: { sql: string | null; params: unknown[] };
  select: { sql: string; params: unknown[]; names: string[] };
  search: string[];
}

/** Resolves the entity and the caller's read access, and parses sort, keywords, filter, fields. */
export function parseListQuery(options: DataRequest & { query: URLSearchParams }): ListQuery {
  const target = resolveTarget(options);
  const access = target.access('read');
  if (!access) throw denied('read', options.entity);
  const { plan } = target;
  const columns = visibleColumns(plan, access);
  const sort = sortParams(options.query, plan, columns);
  const keywords = options.query.get('keywords')?.trim() || null;
  if (keywords && keywords.length > 200)
    throw badRequest('keywords must be at most 200 characters');
  if (keywords?.includes('\0')) throw badRequest('keywords may not contain NUL characters');
  const fixed = listFixedParams(keywords !== null);
  const where = whereFor(
    target,
    access,
    filterText(options.query, target.doc, target.entity),
    fixed,
  );
  const select = selectFor(target, options.query, fixed + where.params.length);
  return {
    target,
    sort,
    keywords: keywords ? likePattern(keywords) : null,
    where,
    select,
    search: plan.searchable.filter((c) => columns.has(c)),
  };
}

/** The parameters of a list statement: the keywords (if any), then the filter's and select's. */
export const listParams = (q: ListQuery): unknown[] => [
  ...(q.keywords === null ? [] : [q.keywords]),
  ...q.where.params,
  ...q.select.params,
];

export async function readRows(
  options: DataRequest & { id?: string; query: URLSearchParams },
): Promise<HttpResult> {
  if (options.id !== undefined) return readOne({ ...options, id: options.id });
  const page = pageParams(options.query);
  const q = parseListQuery(options);
  const { target, sort, where, select } = q;
  const after = options.query.get('after');
  let cursor: { condition: string | null; expression: string } | null = null;
  const cursorParams: unknown[] = [];
  if (after !== null) {
    const keys = orderKeys(target.entity, sort);
    let condition: string | null = null;
    if (after !== '') {
      const compiled = afterCondition(
        target.doc,
        target.entity,
        keys,
        after.slice(0, 4000),
        listFixedParams(q.keywords !== null) + where.params.length + select.params.length,
      );
      condition = compiled.sql;
      cursorParams.push(...compiled.params);
    }
    cursor = { condition, expression: cursorExpression(keys) };
  }
  const count = options.query.get('count') ?? 'exact';
  if (count !== 'exact' && count !== 'estimated' && count !== 'none')
    throw badRequest(`count must be exact, estimated or none, not '${shown(count)}'`);
  const { rows } = await options.db.query<{ json: string }>(
    prepared(
      target.version,
      target.plan.listSql({
        sort,
        filter: where.sql,
        select: select.sql,
        search: q.search,
        count,
        cursor,
        keywords: q.keywords !== null,
        limit: page.limit,
        offset: cursor ? 0 : page.offset,
      }),
      [...listParams(q), ...cursorParams],
    ),
  );
  return ok(rows[0]!.json);
}

async function readOne(
  options: DataRequest & { id: string; query: URLSearchParams },
): Promise<HttpResult> {
  const target = resolveTarget(options);
  const access = target.access('read');
  if (!access) throw denied('read', options.entity);
  if (!UUID.test(options.id)) throw notFound(`No ${options.entity} '${shown(options.id, 40)}'`);
  const where = whereFor(target, access, null, GET_FIXED_PARAMS);
  const select = selectFor(target, options.query, GET_FIXED_PARAMS + where.params.length);
  const { rows } = await options.db.query<{ json: string }>(
    prepared(target.version, target.plan.getSql({ select: select.sql, filter: where.sql }), [
      options.id,
      ...where.params,
      ...select.params,
    ]),
  );
  if (!rows[0]) throw notFound(`No ${options.entity} '${options.id}'`);
  return ok(rows[0].json);
}
