/**
 * Read plans, compiled once per published model version: the SQL for one row and for a page of
 * rows, each building its JSON inside PostgreSQL in a single statement, with the columns named
 * explicitly from validated metadata. Each shape of request (fields, sort, filter, count) is
 * compiled once and kept with the plan.
 */
import { type Entity, type ModelDocument, quoteIdent, relationField } from '@tessera/meta';

export interface SortKey {
  field: string;
  desc: boolean;
}

export interface ListOptions {
  sort: SortKey[];
  /** A compiled filter over alias `e` (row filter included), its parameters from $4. */
  filter: string | null;
  /** The compiled SELECT list over alias `e` (see selection.ts). */
  select: string;
  /** Text columns that `keywords` searches. */
  search: readonly string[];
  /** exact: count(*); estimated: the planner's row estimate when unfiltered; none: no total. */
  count: 'exact' | 'estimated' | 'none';
  /** Whether $1 holds a keywords pattern. */
  keywords: boolean;
  limit: number;
  offset: number;
  /**
   * Keyset mode: rows after the cursor's row (`condition`, null for the first page), with
   * `hasNext` and `nextCursor` (built by `expression`). The offset parameter is then 0.
   */
  cursor: { condition: string | null; expression: string } | null;
}

/**
 * Parameters before a list's filter: $1, the keywords pattern, when there are keywords; none
 * otherwise. Limit and offset are validated integers written into the text, so PostgreSQL
 * plans each page shape with its real numbers.
 */
export const listFixedParams = (keywords: boolean) => (keywords ? 1 : 0);
/** Parameters of every get statement: $1 id. */
export const GET_FIXED_PARAMS = 1;

export interface ReadPlan {
  entity: string;
  /** Every column a read may return: system fields, own fields, to-one relation keys. */
  columns: readonly string[];
  /** The system columns, always returned. */
  system: readonly string[];
  /** Text columns that keyword search looks at. */
  searchable: readonly string[];
  /** One row `{ json }` or none; $1 = id, then the filter's and the SELECT list's parameters. */
  getSql: (options: { select: string; filter: string | null }) => string;
  /** One row `{ json }`: `{ "items", "total" }`; see listFixedParams. */
  listSql: (options: ListOptions) => string;
  /** The ids among $1 (uuid[]) whose rows are still there (not deleted), whoever may read them. */
  liveIdsSql: string;
  /** Matching rows as `{ json }`, one per row, in the list's order, for streaming (exports). */
  rowsSql: (
    options: Pick<ListOptions, 'sort' | 'filter' | 'select' | 'search' | 'keywords' | 'limit'>,
  ) => string;
}

const TEXT_TYPES = new Set(['string', 'text', 'email', 'url', 'enum']);

export const OPTIONAL_SYSTEM = [
  'created_at',
  'updated_at',
  'created_by',
  'updated_by',
  'version',
] as const;

/** The system columns an entity has. */
export function systemColumns(entity: Entity): string[] {
  return [
    'id',
    ...OPTIONAL_SYSTEM.filter((c) => (entity.systemFields ?? OPTIONAL_SYSTEM).includes(c)),
  ];
}

/** The columns a read returns: system fields, the entity's fields, its to-one relation keys. */
export function readColumns(doc: ModelDocument, entity: Entity): string[] {
  const relations = doc.relations
    .filter((r) => r.type !== 'many-to-many' && r.from === entity.code)
    .map(relationField);
  return [...systemColumns(entity), ...entity.fields.map((f) => f.code), ...relations];
}

const MAX_VARIANTS = 500;

export function compileReadPlan(doc: ModelDocument, entity: Entity): ReadPlan {
  const table = `${quoteIdent(doc.project)}.${quoteIdent(entity.code)}`;
  const columns = readColumns(doc, entity);
  const system = systemColumns(entity);
  const live = entity.softDelete ? `e.${quoteIdent('deleted_at')} IS NULL` : 'TRUE';
  const defaultOrder = system.includes('created_at')
    ? `e.${quoteIdent('created_at')} DESC, e.${quoteIdent('id')}`
    : `e.${quoteIdent('id')}`;
  const whereOf = (search: readonly string[], filter: string | null, keywords: boolean) => {
    const matches = search.map((c) => `e.${quoteIdent(c)}::text ILIKE $1`);
    // With no text field nothing matches; $1 is still named so its type is known.
    const searched = keywords
      ? ` AND (${matches.length ? matches.join(' OR ') : '$1::text IS NULL'})`
      : '';
    return `${live}${searched}${filter ? ` AND ${filter}` : ''}`;
  };
  const page = (limit: number, offset: number) =>
    `LIMIT ${Math.trunc(limit)}${offset > 0 ? ` OFFSET ${Math.trunc(offset)}` : ''}`;
  // PostgreSQL's own placement of NULLs (last ascending, first descending) is the one a plain
  // btree serves in both directions; `NULLS LAST` on a descending key would sort every row.
  const orderOf = (sort: SortKey[]) =>
    sort.length
      ? `${sort.map((k) => `e.${quoteIdent(k.field)}${k.desc ? ' DESC' : ''}`).join(', ')}, e.${quoteIdent('id')}`
      : defaultOrder;
  const variants = new Map<string, string>();
  const remember = (key: string, build: () => string) => {
    let sql = variants.get(key);
    if (!sql) {
      sql = build();
      if (variants.size < MAX_VARIANTS) variants.set(key, sql);
    }
    return sql;
  };
  return {
    entity: entity.code,
    columns,
    system,
    searchable: entity.fields.filter((f) => TEXT_TYPES.has(f.type)).map((f) => f.code),
    liveIdsSql: `SELECT e."id"::text AS id FROM ${table} AS e WHERE e."id" = ANY ($1::uuid[]) AND ${live}`,
    getSql: ({ select, filter }) =>
      remember(
        `get|${select}|${filter ?? ''}`,
        () =>
          `SELECT to_json(r)::text AS json FROM (SELECT ${select} FROM ${table} AS e WHERE e."id" = $1 AND ${live}${filter ? ` AND ${filter}` : ''}) r`,
      ),
    listSql: ({ sort, filter, select, search, count, cursor, keywords, limit, offset }) =>
      remember(
        `list|${sort.map((k) => `${k.desc ? '-' : ''}${k.field}`).join(',')}|${filter ?? ''}|${select}|${search.join(',')}|${count}|${keywords}|${limit}|${offset}|${cursor ? `${cursor.condition ?? ''}|${cursor.expression}` : ''}`,
        () => {
          const where = whereOf(search, filter, keywords);
          const order = orderOf(sort);
          const exact = `(SELECT count(*) FROM ${table} AS e WHERE ${where})`;
          // The planner's estimate only describes the whole table; a filtered list counts exactly.
          const estimated = `(CASE WHEN ${keywords || filter ? 'FALSE' : 'TRUE'} THEN (SELECT CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint END FROM pg_class c WHERE c.oid = '${table.replace(/'/g, "''")}'::regclass) END)`;
          const total =
            count === 'none'
              ? ''
              : `, 'total', ${count === 'exact' ? exact : `coalesce(${estimated}, ${exact})`}`;
          if (!cursor)
            return `SELECT json_build_object('items', coalesce((SELECT json_agg(r) FROM (SELECT ${select} FROM ${table} AS e WHERE ${where} ORDER BY ${order} ${page(limit, offset)}) r), '[]'::json)${total})::text AS json`;
          // One row more than asked tells whether there is a next page.
          const after = cursor.condition ? ` AND ${cursor.condition}` : '';
          return `WITH page AS (SELECT ${select}, ${cursor.expression} AS "__cursor", row_number() OVER (ORDER BY ${order}) AS "__n" FROM ${table} AS e WHERE ${where}${after} ORDER BY ${order} ${page(limit + 1, 0)}) SELECT json_build_object('items', coalesce((SELECT json_agg(to_jsonb(p) - '__cursor' - '__n' ORDER BY p."__n") FROM page p WHERE p."__n" <= ${limit}), '[]'::json), 'hasNext', (SELECT count(*) > ${limit} FROM page), 'nextCursor', (SELECT p."__cursor" FROM page p WHERE p."__n" = ${limit} AND EXISTS (SELECT 1 FROM page q WHERE q."__n" > ${limit}))${total})::text AS json`;
        },
      ),
    rowsSql: ({ sort, filter, select, search, keywords, limit }) =>
      remember(
        `rows|${sort.map((k) => `${k.desc ? '-' : ''}${k.field}`).join(',')}|${filter ?? ''}|${select}|${search.join(',')}|${keywords}|${limit}`,
        () =>
          `SELECT to_json(r)::text AS json FROM (SELECT ${select} FROM ${table} AS e WHERE ${whereOf(search, filter, keywords)} ORDER BY ${orderOf(sort)} ${page(limit, 0)}) r`,
      ),
  };
}

/** Every entity's read plan for one published model; built once per version. */
export function compileModel(doc: ModelDocument): ReadonlyMap<string, ReadPlan> {
  return new Map(doc.entities.map((e) => [e.code, compileReadPlan(doc, e)]));
}
