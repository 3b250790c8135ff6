/**
 * GET /api/v1/{project}/{entity} and GET /api/v1/{project}/{entity}/{id}, answered in amis's
 * envelope. The JSON comes out of PostgreSQL as text and is written straight into the body.
 * Only what the caller may read is visible: rows outside its row filter do not exist for it,
 * and neither do hidden fields, whether selected, sorted, filtered or searched.
 */
import type { EntityAccess } from '../access/policy';
import { AccessRuleError, compileFilter, FilterError, parseFilterParam } from '../query/filter';
import { GET_FIXED_PARAMS, listFixedParams, type ReadPlan, type SortKey } from '../query/read-plan';
import { afterCondition, cursorExpression, orderKeys } from '../query/cursor';
import { prepared } from '../query/prepared';
import { filterText } from '../query/form-filter';
import { compileSelection, parseSelection } from '../query/selection';
import { PerPlan } from './per-plan';
import { fail, type HttpResult, isResult, ok, UUID } from './result';
import { type DataRequest, denied, resolveTarget, type Target } from './target';

export type { HttpResult } from './result';

export const MAX_PER_PAGE = 200;

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

/** The columns the caller may see: system fields always, the others as its access allows. */
export function visibleColumns(plan: ReadPlan, access: EntityAccess): Set<string> {
  return new Set(
    plan.columns.filter((c) => plan.system.includes(c) || !access.fields || access.fields.has(c)),
  );
}

/** `sort=-total,name`, or amis's `orderBy` + `orderDir`. Unknown fields are refused by name. */
function sortParams(
  query: URLSearchParams,
  plan: ReadPlan,
  columns: Set<string>,
): SortKey[] | HttpResult {
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
  const unknown = keys.find((k) => !columns.has(k.field));
  if (unknown)
    return fail(
      400,
      `Cannot sort ${plan.entity} by '${unknown.field.slice(0, 40)}': no such field`,
    );
  return keys;
}

type CompiledSelection = { sql: string; params: unknown[]; names: string[] };
/** Compiled SELECT lists, for callers with the same access. */
const selections = new PerPlan<CompiledSelection>();

/** `fields` and `expand`, compiled into the SELECT list; parameters numbered after `offset`. */
function selectFor(
  target: Target,
  query: URLSearchParams,
  offset: number,
): CompiledSelection | HttpResult {
  const key = `${offset}\n${target.accessKey}\n${query.get('fields') ?? ''}\n${query.get('expand') ?? ''}`;
  return selections.get(target.plan, key, () => compileSelectFor(target, query, offset));
}

function compileSelectFor(
  target: Target,
  query: URLSearchParams,
  offset: number,
): CompiledSelection | HttpResult {
  try {
    return compileSelection({
      doc: target.doc,
      entity: target.entity,
      alias: 'e',
      selection: parseSelection(query.get('fields'), query.get('expand')),
      access: target.readable,
      offset,
    });
  } catch (error) {
    if (error instanceof FilterError) return fail(400, error.message);
    if (error instanceof AccessRuleError) return fail(403, error.message);
    throw error;
  }
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
): CompiledWhere | HttpResult {
  const key = `${offset}\n${target.accessKey}\n${filterText ?? ''}`;
  return wheres.get(target.plan, key, () => compileWhere(target, access, filterText, offset));
}

function compileWhere(
  target: Target,
  access: EntityAccess,
  filterText: string | null,
  offset: number,
): CompiledWhere | HttpResult {
  try {
    return compileFilter({
      doc: target.doc,
      entity: target.entity,
      alias: 'e',
      filter: parseFilterParam(filterText),
      offset,
      access: target.readable,
      rowFilter: access.rowFilter,
    });
  } catch (error) {
    if (error instanceof FilterError) return fail(400, error.message);
    if (error instanceof AccessRuleError) return fail(403, error.message);
    throw error;
  }
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
export function parseListQuery(
  options: DataRequest & { query: URLSearchParams },
): ListQuery | HttpResult {
  const target = resolveTarget(options);
  if (isResult(target)) return target;
  const access = target.access('read');
  if (!access) return denied('read', options.entity);
  const { plan } = target;
  const columns = visibleColumns(plan, access);
  const sort = sortParams(options.query, plan, columns);
  if (isResult(sort)) return sort;
  const keywords = options.query.get('keywords')?.trim() || null;
  if (keywords && keywords.length > 200)
    return fail(400, 'keywords must be at most 200 characters');
  const fixed = listFixedParams(keywords !== null);
  const where = whereFor(
    target,
    access,
    filterText(options.query, target.doc, target.entity),
    fixed,
  );
  if (isResult(where)) return where;
  const select = selectFor(target, options.query, fixed + where.params.length);
  if (isResult(select)) return select;
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
  if (isResult(page)) return page;
  const q = parseListQuery(options);
  if (isResult(q)) return q;
  const { target, sort, where, select } = q;
  const after = options.query.get('after');
  let cursor: { condition: string | null; expression: string } | null = null;
  const cursorParams: unknown[] = [];
  if (after !== null) {
    const keys = orderKeys(target.entity, sort);
    let condition: string | null = null;
    if (after !== '') {
      try {
        const compiled = afterCondition(
          target.doc,
          target.entity,
          keys,
          after.slice(0, 4000),
          listFixedParams(q.keywords !== null) + where.params.length + select.params.length,
        );
        condition = compiled.sql;
        cursorParams.push(...compiled.params);
      } catch (error) {
        if (error instanceof FilterError) return fail(400, error.message);
        throw error;
      }
    }
    cursor = { condition, expression: cursorExpression(keys) };
  }
  const count = options.query.get('count') ?? 'exact';
  if (count !== 'exact' && count !== 'estimated' && count !== 'none') {
    return fail(400, `count must be exact, estimated or none, not '${count.slice(0, 20)}'`);
  }
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
  if (isResult(target)) return target;
  const access = target.access('read');
  if (!access) return denied('read', options.entity);
  if (!UUID.test(options.id)) return fail(404, `No ${options.entity} '${options.id.slice(0, 40)}'`);
  const where = whereFor(target, access, null, GET_FIXED_PARAMS);
  if (isResult(where)) return where;
  const select = selectFor(target, options.query, GET_FIXED_PARAMS + where.params.length);
  if (isResult(select)) return select;
  const { rows } = await options.db.query<{ json: string }>(
    prepared(target.version, target.plan.getSql({ select: select.sql, filter: where.sql }), [
      options.id,
      ...where.params,
      ...select.params,
    ]),
  );
  return rows[0] ? ok(rows[0].json) : fail(404, `No ${options.entity} '${options.id}'`);
}
