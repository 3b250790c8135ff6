/**
 * The DDL that creates a whole project from its model document: one schema, one table per
 * entity (system columns included), constraints, indexes, foreign keys (each indexed), and
 * junction tables. Statements come in dependency order, each with a human summary.
 */
import { compileComputed } from '../computed';
import type { Entity, ModelDocument, Relation } from '../document';
import type { Field } from '../fields';
import { quoteIdent } from '../names';
import { columnType, defaultExpression, sqlLiteral } from '../sql-types';
import { junctionColumns, junctionTable, objectName, relationField, tableRef } from './physical';

export interface DdlStatement {
  sql: string;
  summary: string;
}

const ON_DELETE_SQL = { restrict: 'RESTRICT', cascade: 'CASCADE', 'set-null': 'SET NULL' } as const;

const DEFAULT_SYSTEM_FIELDS = ['created_at', 'updated_at', 'created_by', 'updated_by', 'version'];

function systemColumns(entity: Entity): string[] {
  const wanted = new Set(entity.systemFields ?? DEFAULT_SYSTEM_FIELDS);
  const columns = [`${quoteIdent('id')} uuid PRIMARY KEY DEFAULT gen_random_uuid()`];
  if (wanted.has('created_at'))
    columns.push(`${quoteIdent('created_at')} timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP`);
  if (wanted.has('updated_at'))
    columns.push(`${quoteIdent('updated_at')} timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP`);
  if (wanted.has('created_by')) columns.push(`${quoteIdent('created_by')} uuid`);
  if (wanted.has('updated_by')) columns.push(`${quoteIdent('updated_by')} uuid`);
  if (wanted.has('version')) columns.push(`${quoteIdent('version')} integer NOT NULL DEFAULT 1`);
  if (entity.softDelete) columns.push(`${quoteIdent('deleted_at')} timestamptz`);
  return columns;
}

export function columnDefinition(entity: Entity, field: Field): string {
  const name = quoteIdent(field.code);
  if (field.type === 'computed') {
    const writable = new Set(entity.fields.filter((f) => f.type !== 'computed').map((f) => f.code));
    const compiled = compileComputed(field.expression, writable);
    if (!compiled.ok) throw new Error(`${entity.code}.${field.code}: ${compiled.message}`);
    return `${name} ${columnType(field)} GENERATED ALWAYS AS (${compiled.sql}) STORED`;
  }
  const parts = [name, columnType(field)];
  if (field.required) parts.push('NOT NULL');
  const def = defaultExpression(field);
  if (def) parts.push(`DEFAULT ${def}`);
  return parts.join(' ');
}

/** CHECK constraints that keep enum values inside their options. */
export function fieldChecks(entity: Entity, field: Field): string[] {
  const column = quoteIdent(field.code);
  if (field.type === 'enum') {
    return [
      `CONSTRAINT ${quoteIdent(objectName([entity.code, field.code], 'check'))} CHECK (${column} IN (${field.options.map(sqlLiteral).join(', ')}))`,
    ];
  }
  if (field.type === 'enum-multi') {
    return [
      `CONSTRAINT ${quoteIdent(objectName([entity.code, field.code], 'check'))} CHECK (${column} <@ ${sqlLiteral(field.options)})`,
    ];
  }
  return [];
}

export function fieldIndexes(schema: string, entity: Entity, field: Field): DdlStatement[] {
  const table = tableRef(schema, entity.code);
  const column = quoteIdent(field.code);
  const live = entity.softDelete ? ` WHERE ${quoteIdent('deleted_at')} IS NULL` : '';
  const out: DdlStatement[] = [];
  if (field.unique) {
    out.push({
      sql: `CREATE UNIQUE INDEX ${quoteIdent(objectName([entity.code, field.code], 'key'))} ON ${table} (${column})${live}`,
      summary: `Make ${entity.code}.${field.code} unique`,
    });
  } else if (field.indexed) {
    out.push({
      sql: `CREATE INDEX ${quoteIdent(objectName([entity.code, field.code], 'idx'))} ON ${table} (${column})`,
      summary: `Index ${entity.code}.${field.code}`,
    });
  }
  return out;
}

/**
 * The index behind an entity's default list order (newest first: `created_at DESC, id`), over
 * live rows only where deleted rows are kept, so the first page of a large table is read
 * without sorting it. Null without `created_at`. `table` is the table's current name.
 */
export function listIndex(
  schema: string,
  entity: Entity,
  table: string = entity.code,
): DdlStatement | null {
  if (!(entity.systemFields ?? DEFAULT_SYSTEM_FIELDS).includes('created_at')) return null;
  const live = entity.softDelete ? ` WHERE ${quoteIdent('deleted_at')} IS NULL` : '';
  return {
    sql: `CREATE INDEX ${quoteIdent(objectName([entity.code], 'default_order'))} ON ${tableRef(schema, table)} (${quoteIdent('created_at')} DESC, ${quoteIdent('id')})${live}`,
    summary: `Index ${entity.code} for its default order, newest first`,
  };
}

function toOneColumn(relation: Relation): string {
  return `${quoteIdent(relationField(relation))} uuid${relation.required ? ' NOT NULL' : ''}`;
}

export function foreignKey(
  schema: string,
  table: string,
  column: string,
  target: string,
  onDelete: keyof typeof ON_DELETE_SQL,
  unique: boolean,
): DdlStatement[] {
  return [
    {
      sql: `ALTER TABLE ${tableRef(schema, table)} ADD CONSTRAINT ${quoteIdent(objectName([table, column], 'fkey'))} FOREIGN KEY (${quoteIdent(column)}) REFERENCES ${tableRef(schema, target)} (${quoteIdent('id')}) ON DELETE ${ON_DELETE_SQL[onDelete]}`,
      summary: `Link ${table}.${column} to ${target}`,
    },
    {
      sql: `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(objectName([table, column], unique ? 'key' : 'idx'))} ON ${tableRef(schema, table)} (${quoteIdent(column)})`,
      summary: `Index ${table}.${column}${unique ? ' (one-to-one: unique)' : ''}`,
    },
  ];
}

export function createProjectDdl(doc: ModelDocument): DdlStatement[] {
  const schema = doc.project;
  const statements: DdlStatement[] = [
    {
      sql: `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`,
      summary: `Create schema ${schema}`,
    },
  ];
  const toOne = doc.relations.filter((r) => r.type !== 'many-to-many');
  const manyToMany = doc.relations.filter((r) => r.type === 'many-to-many');
  const junctions = new Map(manyToMany.map((r) => [junctionTable(r), r]));

  for (const entity of doc.entities) {
    const columns = [
      ...systemColumns(entity),
      ...entity.fields.map((f) => columnDefinition(entity, f)),
      ...toOne.filter((r) => r.from === entity.code).map(toOneColumn),
    ];
    const junction = junctions.get(entity.code);
    if (junction) {
      const cols = junctionColumns(junction);
      columns.push(
        `${quoteIdent(cols.from)} uuid NOT NULL`,
        `${quoteIdent(cols.to)} uuid NOT NULL`,
      );
    }
    const checks = entity.fields.flatMap((f) => fieldChecks(entity, f));
    statements.push({
      sql: `CREATE TABLE ${tableRef(schema, entity.code)} (\n  ${[...columns, ...checks].join(',\n  ')}\n)`,
      summary: `Create table ${entity.code} (${entity.fields.length} field${entity.fields.length === 1 ? '' : 's'})`,
    });
    statements.push(...entity.fields.flatMap((f) => fieldIndexes(schema, entity, f)));
    const list = listIndex(schema, entity);
    if (list) statements.push(list);
  }

  for (const relation of manyToMany) {
    const table = junctionTable(relation);
    if (!doc.entities.some((e) => e.code === table)) {
      const cols = junctionColumns(relation);
      statements.push({
        sql: `CREATE TABLE ${tableRef(schema, table)} (\n  ${quoteIdent('id')} uuid PRIMARY KEY DEFAULT gen_random_uuid(),\n  ${quoteIdent(cols.from)} uuid NOT NULL,\n  ${quoteIdent(cols.to)} uuid NOT NULL,\n  ${quoteIdent('created_at')} timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP\n)`,
        summary: `Create junction table ${table} for ${relation.from} ↔ ${relation.to}`,
      });
    }
  }

  for (const relation of toOne) {
    statements.push(
      ...foreignKey(
        schema,
        relation.from,
        relationField(relation),
        relation.to,
        relation.onDelete ?? 'restrict',
        relation.type === 'one-to-one',
      ),
    );
  }
  for (const relation of manyToMany) {
    const table = junctionTable(relation);
    const cols = junctionColumns(relation);
    statements.push(...foreignKey(schema, table, cols.from, relation.from, 'cascade', false));
    statements.push(...foreignKey(schema, table, cols.to, relation.to, 'cascade', false));
    statements.push({
      sql: `CREATE UNIQUE INDEX ${quoteIdent(objectName([table, cols.from, cols.to], 'key'))} ON ${tableRef(schema, table)} (${quoteIdent(cols.from)}, ${quoteIdent(cols.to)})`,
      summary: `Each ${relation.from}–${relation.to} pair once in ${table}`,
    });
  }
  return statements;
}
