/**
 * Read plans, compiled once per published model version: the SQL for one row and for a page of
 * rows, each building its JSON inside PostgreSQL in a single statement, with the columns named
 * explicitly from validated metadata.
 */
import { type Entity, type ModelDocument, quoteIdent, relationField } from '@tessera/meta';

export interface ReadPlan {
  entity: string;
  /** $1 = id. Returns one row `{ json }`, or none. */
  getSql: string;
  /** $1 = limit, $2 = offset. Returns one row `{ json }`: `{ "items": [...], "total": n }`. */
  listSql: string;
}

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
  const order = (entity.systemFields ?? OPTIONAL_SYSTEM).includes('created_at')
    ? `${quoteIdent('created_at')} DESC, ${quoteIdent('id')}`
    : quoteIdent('id');
  return {
    entity: entity.code,
    getSql: `SELECT to_json(r)::text AS json FROM (SELECT ${columns} FROM ${table} WHERE ${quoteIdent('id')} = $1 AND ${live}) r`,
    listSql:
      `SELECT json_build_object('items', coalesce((SELECT json_agg(r) FROM (SELECT ${columns} FROM ${table} WHERE ${live} ORDER BY ${order} LIMIT $1 OFFSET $2) r), '[]'::json), ` +
      `'total', (SELECT count(*) FROM ${table} WHERE ${live}))::text AS json`,
  };
}

/** Every entity's read plan for one published model; built once per version. */
export function compileModel(doc: ModelDocument): ReadonlyMap<string, ReadPlan> {
  return new Map(doc.entities.map((e) => [e.code, compileReadPlan(doc, e)]));
}
