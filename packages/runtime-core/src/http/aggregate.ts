/**
 * GET /api/v1/{project}/{entity}/aggregate?groupBy=status&count=*&sum=total: counts, sums,
 * averages, minimums and maximums per group, under the same filter and permissions as a list
 * (the caller's row filter applies; hidden fields can be neither grouped nor aggregated).
 */
import { FIELD_TYPES, isNumericType, ORDERED_TYPES, quoteIdent } from '@tessera/meta';

import { columnField } from '../query/columns';
import { filterText } from '../query/form-filter';
import { visibleColumns, whereFor } from './read';
import { badRequest, type HttpResult, ok, shown } from './result';
import { type DataRequest, denied, resolveTarget } from './target';

const NUMERIC: ReadonlySet<string> = new Set(FIELD_TYPES.filter(isNumericType));
const ORDERED: ReadonlySet<string> = new Set(ORDERED_TYPES);
const FUNCTIONS = {
  sum: { types: NUMERIC, verb: 'summed' },
  avg: { types: NUMERIC, verb: 'averaged' },
  min: { types: ORDERED, verb: 'compared' },
  max: { types: ORDERED, verb: 'compared' },
} as const;
export const MAX_GROUPS = 1000;

const list = (text: string | null) =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export async function aggregateRows(
  options: DataRequest & { query: URLSearchParams },
): Promise<HttpResult> {
  const target = resolveTarget(options);
  const access = target.access('read');
  if (!access) throw denied('read', options.entity);
  const visible = visibleColumns(target.plan, access);
  const check = (
    param: string,
    name: string,
    rule?: { types: ReadonlySet<string>; verb: string },
  ) => {
    if (!visible.has(name))
      throw badRequest(`${param}: ${options.entity} has no field '${shown(name, 40)}'`);
    const field = columnField(target.doc, target.entity, name)!;
    const type = field.type === 'computed' ? field.resultType : field.type;
    if (rule && !rule.types.has(type))
      throw badRequest(`${param}: ${name} is ${field.type}, which cannot be ${rule.verb}`);
  };
  const groupBy = list(options.query.get('groupBy'));
  if (groupBy.length > 3) throw badRequest('groupBy takes at most 3 fields');
  const items: string[] = [];
  for (const name of groupBy) {
    check('groupBy', name);
    items.push(`e.${quoteIdent(name)} AS ${quoteIdent(name)}`);
  }
  const count = list(options.query.get('count'));
  if (count.length === 1 && count[0] === '*') items.push(`count(*) AS "count"`);
  else if (count.length) {
    const parts: string[] = [];
    for (const name of count) {
      check('count', name);
      parts.push(`'${name}', count(e.${quoteIdent(name)})`);
    }
    items.push(`json_build_object(${parts.join(', ')}) AS "count"`);
  }
  for (const [fn, rule] of Object.entries(FUNCTIONS)) {
    const names = list(options.query.get(fn));
    if (!names.length) continue;
    const parts: string[] = [];
    for (const name of names.slice(0, 50)) {
      check(fn, name, rule);
      parts.push(`'${name}', ${fn}(e.${quoteIdent(name)})`);
    }
    items.push(`json_build_object(${parts.join(', ')}) AS ${quoteIdent(fn)}`);
  }
  if (items.length === groupBy.length)
    throw badRequest('Ask for at least one of count, sum, avg, min, max');
  const where = whereFor(target, access, filterText(options.query, target.doc, target.entity), 0);
  const table = `${quoteIdent(options.project)}.${quoteIdent(target.entity.code)}`;
  const live = target.entity.softDelete ? `e."deleted_at" IS NULL` : 'TRUE';
  const group = groupBy.map((g) => `e.${quoteIdent(g)}`).join(', ');
  const sql = `SELECT coalesce(json_agg(x), '[]'::json)::text AS json FROM (SELECT ${items.join(', ')} FROM ${table} AS e WHERE ${live}${where.sql ? ` AND ${where.sql}` : ''}${group ? ` GROUP BY ${group} ORDER BY ${groupBy.map((g) => `e.${quoteIdent(g)} NULLS LAST`).join(', ')} LIMIT ${MAX_GROUPS}` : ''}) x`;
  const { rows } = await options.db.query<{ json: string }>(sql, where.params);
  return ok(`{"items":${rows[0]!.json}}`);
}
