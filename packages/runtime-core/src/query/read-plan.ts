/**
 * Read plans, compiled once per published model version: the SQL for one row and for a page of
 * rows, each building its JSON inside PostgreSQL in a single statement, with the columns named
 * explicitly from validated metadata.
 */
import { type Entity, type ModelDocument, quoteIdent, relationField } from '@tessera/meta';

export interface SortKey {
  field: string;
  desc: boolean;
}

export interface ListOptions {
  sort: SortKey[];
  /** A compiled filter over alias `e`, its parameters numbered from $4. */
  filter: string | null;
  /** Columns to return besides the system fields; null for all. */
  fields: string[] | null;
  /** exact: count(*); estimated: the planner's row estimate when unfiltered; none: no total. */
  count: 'exact' | 'estimated' | 'none';
}

/** Parameters of every list statement: $1 limit, $2 offset, $3 keywords pattern (or null). */
export const LIST_FIXED_PARAMS = 3;

export interface ReadPlan {
  entity: string;
  /** Fields a list may be sorted by. */
  sortable: ReadonlySet<string>;
  /** $1 = id. Returns one row `{ json }`, or none. */
  getSql: string;
  /** One row `{ json }`: `{ "items", "total" }`; see LIST_FIXED_PARAMS. */
  listSql: (options: ListOptions) => string;
}

const TEXT_TYPES = new Set(['string', 'text', 'email', 'url', 'enum']);

const OPTIONAL_SYSTEM = [
  'created_at',
  'updated_at',
  'created_by',
  'updated_by',
  'version',
] as const;

/** The columns a read returns: system fields, the entity's fields, its to-one relation keys. */
export function readColumns(doc: ModelDocument, entity: Entity): string[] {
  const system = [
    'id',
    ...OPTIONAL_SYSTEM.filter((c) => (entity.systemFields ?? OPTIONAL_SYSTEM).includes(c)),
  ];
  const relations = doc.relations
    .filter((r) => r.type !== 'many-to-many' && r.from === entity.code)
    .map(relationField);
  return [...system, ...entity.fields.map((f) => f.code), ...relations];
}

export function compileReadPlan(doc: ModelDocument, entity: Entity): ReadPlan {
  const table = `${quoteIdent(doc.project)}.${quoteIdent(entity.code)}`;
  const columns = readColumns(doc, entity).map(quoteIdent).join(', ');
  const live = entity.softDelete ? `${quoteIdent('deleted_at')} IS NULL` : 'TRUE';
  const defaultOrder = (entity.systemFields ?? OPTIONAL_SYSTEM).includes('created_at')
    ? `${quoteIdent('created_at')} DESC, ${quoteIdent('id')}`
    : quoteIdent('id');
  const searchable = entity.fields
    .filter((f) => TEXT_TYPES.has(f.type))
    .map((f) => `e.${quoteIdent(f.code)}::text ILIKE $3`);
  const search = `($3::text IS NULL${searchable.length ? ` OR ${searchable.join(' OR ')}` : ''})`;
  const variants = new Map<string, string>();
  return {
    entity: entity.code,
    sortable: new Set(readColumns(doc, entity)),
    getSql: `SELECT to_json(r)::text AS json FROM (SELECT ${columns} FROM ${table} WHERE ${quoteIdent('id')} = $1 AND ${live}) r`,
    // Each sort/filter shape is compiled once and kept; identifiers come only from metadata.
    listSql: ({ sort, filter, fields, count }) => {
      const key = `${sort.map((k) => `${k.desc ? '-' : ''}${k.field}`).join(',')}|${filter ?? ''}|${fields?.join(',') ?? '*'}|${count}`;
      let sql = variants.get(key);
      if (!sql) {
        const where = `${live} AND ${search}${filter ? ` AND (${filter})` : ''}`;
        const order = sort.length
          ? `${sort.map((k) => `e.${quoteIdent(k.field)} ${k.desc ? 'DESC' : 'ASC'} NULLS LAST`).join(', ')}, e.${quoteIdent('id')}`
          : defaultOrder;
        const selected = fields ? selectedColumns(doc, entity, fields) : columns;
        const exact = `(SELECT count(*) FROM ${table} AS e WHERE ${where})`;
        // The planner's estimate only describes the whole table; a filtered list counts exactly.
        const estimated = `(CASE WHEN $3::text IS NULL${filter ? ' AND FALSE' : ''} THEN (SELECT CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint END FROM pg_class c WHERE c.oid = '${table.replace(/'/g, "''")}'::regclass) END)`;
        const total =
          count === 'none'
            ? ''
            : `, 'total', ${count === 'exact' ? exact : `coalesce(${estimated}, ${exact})`}`;
        sql = `SELECT json_build_object('items', coalesce((SELECT json_agg(r) FROM (SELECT ${selected} FROM ${table} AS e WHERE ${where} ORDER BY ${order} LIMIT $1 OFFSET $2) r), '[]'::json)${total})::text AS json`;
        if (variants.size < 500) variants.set(key, sql);
      }
      return sql;
    },
  };
}

/** The system fields, then the requested ones (already checked against `readColumns`). */
function selectedColumns(doc: ModelDocument, entity: Entity, fields: string[]): string {
  const all = readColumns(doc, entity);
  const system = all.filter(
    (c) => c === 'id' || (OPTIONAL_SYSTEM as readonly string[]).includes(c),
  );
  return [...new Set([...system, ...fields])]
    .filter((c) => all.includes(c))
    .map(quoteIdent)
    .join(', ');
}

/** Every entity's read plan for one published model; built once per version. */
export function compileModel(doc: ModelDocument): ReadonlyMap<string, ReadPlan> {
  return new Map(doc.entities.map((e) => [e.code, compileReadPlan(doc, e)]));
}
