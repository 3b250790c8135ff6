/**
 * POST, PUT and DELETE of single rows. Only the entity's own fields and to-one relation keys
 * are writable; system fields, unknown keys and prototype keys are never written. Values are
 * validated with the same rules as everywhere (`checkValue`) and bound with their column type.
 * Driver errors are translated here and never reach the client raw.
 */
import {
  checkValue,
  columnType,
  type Entity,
  type Field,
  type ModelDocument,
  quoteIdent,
  relationField,
} from '@tessera/meta';
import type pg from 'pg';

import type { SchemaOverview } from '../metadata/overview';
import { readColumns } from '../query/read-plan';
import type { HttpResult } from './read';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const fail = (status: number, msg: string, errors?: Record<string, string>): HttpResult => ({
  status,
  body: JSON.stringify({ status, msg, ...(errors ? { errors } : {}) }),
});
const ok = (json: string): HttpResult => ({
  status: 200,
  body: `{"status":0,"msg":"","data":${json}}`,
});

interface Target {
  doc: ModelDocument;
  entity: Entity;
  table: string;
  /** Writable columns with the field that validates them. */
  writable: Map<string, Field>;
  returning: string;
}

function target(
  overview: SchemaOverview,
  project: string,
  entityCode: string,
): Target | HttpResult {
  const model = overview.models.get(project);
  if (!model) return fail(404, `No project '${project}'`);
  const entity = model.document.entities.find((e) => e.code === entityCode);
  if (!entity) return fail(404, `No entity '${entityCode}' in project '${project}'`);
  const writable = new Map<string, Field>();
  for (const field of entity.fields) if (field.type !== 'computed') writable.set(field.code, field);
  for (const relation of model.document.relations) {
    if (relation.type !== 'many-to-many' && relation.from === entity.code) {
      writable.set(relationField(relation), {
        code: relationField(relation),
        type: 'uuid',
        required: relation.required,
      });
    }
  }
  return {
    doc: model.document,
    entity,
    table: `${quoteIdent(project)}.${quoteIdent(entity.code)}`,
    writable,
    returning: readColumns(model.document, entity).map(quoteIdent).join(', '),
  };
}

const has = (entity: Entity, column: string) =>
  (
    entity.systemFields ?? ['created_at', 'updated_at', 'created_by', 'updated_by', 'version']
  ).includes(column as never);

/** Validated values for the writable keys present in `body`; errors keyed by field. */
function collect(
  t: Target,
  body: Record<string, unknown>,
  creating: boolean,
): { values: Map<string, unknown>; errors: Record<string, string> } {
  const values = new Map<string, unknown>();
  const errors: Record<string, string> = {};
  for (const [code, field] of t.writable) {
    const present = Object.hasOwn(body, code);
    if (!present && !(creating && field.required && field.default === undefined)) continue;
    const check = checkValue(field, present ? body[code] : undefined);
    if (!check.ok) errors[code] = check.message;
    else values.set(code, check.value);
  }
  return { values, errors };
}

function placeholder(field: Field, index: number): string {
  return `$${index}::${columnType(field)}`;
}

function translate(error: unknown, t: Target, action: 'write' | 'delete'): HttpResult {
  const e = error as { code?: string; constraint?: string; column?: string };
  const column = [...t.writable.keys()].find(
    (c) => e.constraint?.includes(`_${c}_`) || e.column === c,
  );
  switch (e.code) {
    case '23505':
      return fail(
        409,
        `Another ${t.entity.code} already has this ${column ?? 'value'}`,
        column ? { [column]: 'Already in use' } : undefined,
      );
    case '23503':
      return action === 'delete'
        ? fail(409, `This ${t.entity.code} is still referenced by other rows`)
        : fail(
            422,
            'A related row does not exist',
            column ? { [column]: 'No such row' } : undefined,
          );
    case '23502':
      return fail(
        422,
        `${column ?? 'A field'} is required`,
        column ? { [column]: 'Required' } : undefined,
      );
    case '23514':
      return fail(422, 'A value is not allowed', column ? { [column]: 'Not allowed' } : undefined);
    case '22P02':
    case '22003':
    case '22001':
      return fail(422, 'A value does not fit its field');
    default:
      throw error;
  }
}

export interface WriteOptions {
  db: Pick<pg.Pool, 'query'>;
  overview: SchemaOverview;
  project: string;
  entity: string;
  userId: string;
}

export async function createRow(options: WriteOptions & { body: unknown }): Promise<HttpResult> {
  const t = target(options.overview, options.project, options.entity);
  if ('status' in t) return t;
  if (typeof options.body !== 'object' || options.body === null || Array.isArray(options.body))
    return fail(400, 'The body must be a JSON object');
  const { values, errors } = collect(t, options.body as Record<string, unknown>, true);
  if (Object.keys(errors).length) return fail(422, 'Some fields need attention', errors);
  const columns: string[] = [];
  const params: unknown[] = [];
  const placeholders: string[] = [];
  for (const [code, value] of values) {
    columns.push(quoteIdent(code));
    params.push(value);
    placeholders.push(placeholder(t.writable.get(code)!, params.length));
  }
  for (const column of ['created_by', 'updated_by']) {
    if (!has(t.entity, column)) continue;
    columns.push(quoteIdent(column));
    params.push(options.userId);
    placeholders.push(`$${params.length}::uuid`);
  }
  const sql = columns.length
    ? `WITH r AS (INSERT INTO ${t.table} (${columns.join(', ')}) VALUES (${placeholders.join(', ')}) RETURNING ${t.returning}) SELECT to_json(r)::text AS json FROM r`
    : `WITH r AS (INSERT INTO ${t.table} DEFAULT VALUES RETURNING ${t.returning}) SELECT to_json(r)::text AS json FROM r`;
  try {
    const { rows } = await options.db.query<{ json: string }>(sql, params);
    return ok(rows[0]!.json);
  } catch (error) {
    return translate(error, t, 'write');
  }
}

export async function updateRow(
  options: WriteOptions & { id: string; body: unknown; ifMatch: string | null },
): Promise<HttpResult> {
  const t = target(options.overview, options.project, options.entity);
  if ('status' in t) return t;
  if (!UUID.test(options.id)) return fail(404, `No ${options.entity} '${options.id.slice(0, 40)}'`);
  if (typeof options.body !== 'object' || options.body === null || Array.isArray(options.body))
    return fail(400, 'The body must be a JSON object');
  const body = options.body as Record<string, unknown>;
  const { values, errors } = collect(t, body, false);
  if (Object.keys(errors).length) return fail(422, 'Some fields need attention', errors);
  const fromBody = body.version;
  const expected =
    typeof fromBody === 'number' || typeof fromBody === 'string'
      ? String(fromBody)
      : fromBody === undefined || fromBody === null
        ? options.ifMatch
          ? options.ifMatch.replace(/^W\//, '').replace(/"/g, '')
          : undefined
        : '(invalid)';
  const versioned = has(t.entity, 'version');
  if (expected !== undefined && (!versioned || !/^\d{1,9}$/.test(expected)))
    return fail(400, 'version must be a whole number');
  const sets: string[] = [];
  const params: unknown[] = [options.id];
  for (const [code, value] of values) {
    params.push(value);
    sets.push(`${quoteIdent(code)} = ${placeholder(t.writable.get(code)!, params.length)}`);
  }
  if (versioned) sets.push(`"version" = "version" + 1`);
  if (has(t.entity, 'updated_at')) sets.push(`"updated_at" = CURRENT_TIMESTAMP`);
  if (has(t.entity, 'updated_by')) {
    params.push(options.userId);
    sets.push(`"updated_by" = $${params.length}::uuid`);
  }
  const live = t.entity.softDelete ? ` AND "deleted_at" IS NULL` : '';
  let guard = '';
  if (expected !== undefined) {
    params.push(Number(expected));
    guard = ` AND "version" = $${params.length}`;
  }
  if (sets.length === 0) return fail(400, 'Nothing to update');
  try {
    const { rows } = await options.db.query<{ json: string }>(
      `WITH r AS (UPDATE ${t.table} SET ${sets.join(', ')} WHERE "id" = $1${live}${guard} RETURNING ${t.returning}) SELECT to_json(r)::text AS json FROM r`,
      params,
    );
    if (rows[0]) return ok(rows[0].json);
  } catch (error) {
    return translate(error, t, 'write');
  }
  const current = await options.db.query<{ version: number | null }>(
    `SELECT ${versioned ? '"version"' : 'NULL AS version'} FROM ${t.table} WHERE "id" = $1${live}`,
    [options.id],
  );
  if (!current.rows[0]) return fail(404, `No ${options.entity} '${options.id}'`);
  return {
    status: 409,
    body: JSON.stringify({
      status: 409,
      msg: `This ${options.entity} was changed by someone else (now version ${current.rows[0].version})`,
      currentVersion: current.rows[0].version,
    }),
  };
}

export async function deleteRow(options: WriteOptions & { id: string }): Promise<HttpResult> {
  const t = target(options.overview, options.project, options.entity);
  if ('status' in t) return t;
  if (!UUID.test(options.id)) return fail(404, `No ${options.entity} '${options.id.slice(0, 40)}'`);
  const sql = t.entity.softDelete
    ? `UPDATE ${t.table} SET "deleted_at" = CURRENT_TIMESTAMP WHERE "id" = $1 AND "deleted_at" IS NULL RETURNING "id"`
    : `DELETE FROM ${t.table} WHERE "id" = $1 RETURNING "id"`;
  try {
    const { rows } = await options.db.query(sql, [options.id]);
    return rows[0]
      ? ok(JSON.stringify({ id: options.id }))
      : fail(404, `No ${options.entity} '${options.id}'`);
  } catch (error) {
    return translate(error, t, 'delete');
  }
}
