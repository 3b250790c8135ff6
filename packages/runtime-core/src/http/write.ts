/**
 * POST, PUT and DELETE of rows (the target and statement pieces are in write-target.ts). Only the entity's own fields and to-one relation keys
 * are writable, narrowed by the caller's field list; system fields, unknown keys and prototype
 * keys are never written. Values are validated with the same rules as everywhere (`checkValue`)
 * and bound with their column type. The caller's row filter limits which rows an update or
 * delete can reach, and a created or updated row must still satisfy it, checked inside the same
 * statement. Driver errors are translated here and never reach the client raw.
 */
import { AppError } from '@tessera/errors';
import { quoteIdent } from '@tessera/meta';

import { type AuditSource, auditCte } from '../changes/audit';
import { auditsWrites } from '../metadata/settings';
import { prepared } from '../query/prepared';
import { idempotencyClaim, replayAfter, storeAnswer } from './idempotency';
import { badRequest, type HttpResult, invalid, notFound, ok, shown, UUID } from './result';
import type { DataRequest } from './target';
import {
  answer,
  collect,
  has,
  linkWrites,
  notice,
  placeholder,
  referenceValue,
  ruleFor,
  translate,
  writeTarget,
} from './write-target';

export type WriteOptions = DataRequest & {
  /** Whether to announce the change for the change stream (someone is watching). */
  announce?: boolean;
  /** Recorded with the change in the audit log, linking it to the request. */
  requestId?: string | null;
};

/**
 * The audit CTE for a write (with its leading comma), its parameters (who, which request)
 * added to `params`; nothing when the configuration turns auditing off for the project.
 */
function audited(
  options: WriteOptions,
  t: { doc: { project: string }; entity: { code: string } },
  op: 'create' | 'update' | 'delete',
  source: AuditSource,
  params: unknown[],
): string {
  if (!auditsWrites(options.overview.settings, options.project)) return '';
  params.push(options.caller.userId, options.requestId ?? null);
  const refs = { actor: `$${params.length - 1}`, requestId: `$${params.length}` };
  return `, ${auditCte(t.doc.project, t.entity.code, op, source, refs)}`;
}

const asObject = (body: unknown): Record<string, unknown> | null =>
  typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : null;

export async function createRow(
  options: WriteOptions & { body: unknown; idempotencyKey?: string | null },
): Promise<HttpResult> {
  const { t, access } = writeTarget(options, 'create');
  const body = asObject(options.body);
  if (!body) throw badRequest('The body must be a JSON object');
  const claim = idempotencyClaim(
    options.idempotencyKey,
    `${options.project}/${options.entity}`,
    body,
  );
  const { values, links, errors } = collect(t, body, true);
  if (Object.keys(errors).length) throw invalid(errors);
  const columns: string[] = [];
  const params: unknown[] = [];
  const placeholders: string[] = [];
  for (const [code, value] of values) {
    columns.push(quoteIdent(code));
    params.push(value);
    placeholders.push(
      referenceValue(t, code, placeholder(t.writable.get(code)!, params.length), params),
    );
  }
  for (const column of ['created_by', 'updated_by']) {
    if (!has(t.entity, column)) continue;
    columns.push(quoteIdent(column));
    params.push(options.caller.userId);
    placeholders.push(`$${params.length}::uuid`);
  }
  const { ctes, written } = linkWrites(t, links, params, false);
  const audit = audited(options, t, 'create', { after: 'r', before: null }, params);
  const rule = ruleFor(t, access, params.length);
  const insert = columns.length
    ? `INSERT INTO ${t.table} (${columns.join(', ')}) VALUES (${placeholders.join(', ')}) RETURNING ${t.written}`
    : `INSERT INTO ${t.table} DEFAULT VALUES RETURNING ${t.written}`;
  const all = [...params, ...rule.params];
  const final = answer(t, rule.sql, 'create', written);
  const sql = claim
    ? `WITH r AS (${insert})${ctes}${audit}, ${notice(t, 'create', options.announce)}${storeAnswer(final, claim, options.caller.userId, all)}`
    : `WITH r AS (${insert})${ctes}${audit}, ${notice(t, 'create', options.announce)} ${final}`;
  try {
    const { rows } = await options.db.query<{ json: string }>(prepared(t.version, sql, all));
    return ok(rows[0]!.json);
  } catch (error) {
    const replayed = claim && (await replayAfter(error, options.db, claim, options.caller.userId));
    if (replayed) return replayed;
    translate(error, t, 'write');
  }
}

/**
 * Checks a create body without writing: the refusal (no permission, unknown entity), the
 * per-field errors, or null when it would be accepted as far as values go.
 */
export function checkCreate(
  options: Omit<WriteOptions, 'db'>,
  body: Record<string, unknown>,
): Record<string, string> | null {
  const { errors } = collect(writeTarget({ ...options, db: NO_DB }, 'create').t, body, true);
  return Object.keys(errors).length ? errors : null;
}

/** The names a create may set: writable fields, to-one keys and many-to-many lists. */
export function writableNames(options: Omit<WriteOptions, 'db'>): string[] {
  const { t } = writeTarget({ ...options, db: NO_DB }, 'create');
  return [...t.writable.keys(), ...t.lists.keys()];
}

const NO_DB: WriteOptions['db'] = {
  query: () => Promise.reject(new Error('no database here')),
};

/** The version the client saw, from the body's `version` or an `If-Match` header. */
function expectedVersion(
  body: Record<string, unknown>,
  ifMatch: string | null,
): string | undefined {
  const fromBody = body.version;
  if (typeof fromBody === 'number' || typeof fromBody === 'string') return String(fromBody);
  if (fromBody !== undefined && fromBody !== null) return '(invalid)';
  return ifMatch ? ifMatch.replace(/^W\//, '').replace(/"/g, '') : undefined;
}

export async function updateRow(
  options: WriteOptions & { id: string; body: unknown; ifMatch: string | null },
): Promise<HttpResult> {
  const { t, access } = writeTarget(options, 'update');
  if (!UUID.test(options.id)) throw missingRow(options.entity, options.id);
  const body = asObject(options.body);
  if (!body) throw badRequest('The body must be a JSON object');
  const { values, links, errors } = collect(t, body, false);
  if (Object.keys(errors).length) throw invalid(errors);
  const expected = expectedVersion(body, options.ifMatch);
  const versioned = has(t.entity, 'version');
  if (expected !== undefined && (!versioned || !/^\d{1,9}$/.test(expected)))
    throw badRequest('version must be a whole number');
  const sets: string[] = [];
  const params: unknown[] = [options.id];
  for (const [code, value] of values) {
    params.push(value);
    const written = placeholder(t.writable.get(code)!, params.length);
    sets.push(`${quoteIdent(code)} = ${referenceValue(t, code, written, params)}`);
  }
  if (sets.length === 0 && links.size === 0) throw badRequest('Nothing to update');
  if (versioned) sets.push(`"version" = e."version" + 1`);
  if (has(t.entity, 'updated_at')) sets.push(`"updated_at" = CURRENT_TIMESTAMP`);
  if (has(t.entity, 'updated_by')) {
    params.push(options.caller.userId);
    sets.push(`"updated_by" = $${params.length}::uuid`);
  }
  // Only links changed and the entity keeps no version or timestamps: touch the row anyway.
  if (sets.length === 0) sets.push(`"id" = e."id"`);
  let guard = '';
  if (expected !== undefined) {
    params.push(Number(expected));
    guard = ` AND e."version" = $${params.length}`;
  }
  const { ctes, written } = linkWrites(t, links, params, true);
  // `o` reads the row as it was: every CTE sees the statement's snapshot, taken before `r`.
  const audit = audited(options, t, 'update', { after: 'r', before: 'o' }, params);
  const rule = ruleFor(t, access, params.length);
  // The same rule text guards the row before the change and checks it after.
  const live = `${t.entity.softDelete ? ` AND e."deleted_at" IS NULL` : ''}${rule.sql ? ` AND ${rule.sql}` : ''}`;
  try {
    const { rows } = await options.db.query<{ json: string }>(
      prepared(
        t.version,
        `WITH o AS (SELECT ${t.writtenFromE} FROM ${t.table} AS e WHERE e."id" = $1), r AS (UPDATE ${t.table} AS e SET ${sets.join(', ')} WHERE e."id" = $1${live}${guard} RETURNING ${t.writtenFromE})${ctes}${audit}, ${notice(t, 'update', options.announce)} ${answer(t, rule.sql, 'update', written)}`,
        [...params, ...rule.params],
      ),
    );
    if (rows[0]) return ok(rows[0].json);
  } catch (error) {
    translate(error, t, 'write');
  }
  const current = ruleFor(t, access, 1);
  const found = await options.db.query<{ version: number | null }>(
    `SELECT ${versioned ? 'e."version"' : 'NULL AS version'} FROM ${t.table} AS e WHERE e."id" = $1${t.entity.softDelete ? ` AND e."deleted_at" IS NULL` : ''}${current.sql ? ` AND ${current.sql}` : ''}`,
    [options.id, ...current.params],
  );
  if (!found.rows[0]) throw missingRow(options.entity, options.id);
  const version = found.rows[0].version;
  throw new AppError(
    'CONFLICT',
    `This ${options.entity} was changed by someone else (now version ${version})`,
    { details: { currentVersion: version } },
  );
}

const missingRow = (entity: string, id: string) => notFound(`No ${entity} '${shown(id, 40)}'`);

export async function deleteRow(options: WriteOptions & { id: string }): Promise<HttpResult> {
  if (!UUID.test(options.id)) throw missingRow(options.entity, options.id);
  const removed = await removeRows(options, [options.id]);
  if (!removed.length) throw missingRow(options.entity, options.id);
  return ok(JSON.stringify({ id: options.id }));
}

export const MAX_BULK_IDS = 1000;

/** `?ids=a,b,c`: the selected rows, or the refusal of an empty or malformed selection. */
export function parseIds(text: string | null): string[] {
  const ids = [
    ...new Set(
      (text ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ];
  if (ids.length === 0) throw badRequest('Select at least one row (ids is empty)');
  if (ids.length > MAX_BULK_IDS) throw badRequest(`Select at most ${MAX_BULK_IDS} rows at once`);
  const bad = ids.find((id) => !UUID.test(id));
  if (bad !== undefined) throw badRequest(`ids: '${shown(bad, 40)}' is not an id`);
  return ids;
}

/** amis's bulk delete: every selected row the caller may delete, all or none. */
export async function deleteRows(
  options: WriteOptions & { ids: string | null },
): Promise<HttpResult> {
  const removed = await removeRows(options, parseIds(options.ids));
  return ok(JSON.stringify({ ids: removed, count: removed.length }));
}

/** Deletes (or soft-deletes) the listed rows inside the caller's rule; returns the ids it did. */
async function removeRows(options: WriteOptions, ids: string[]): Promise<string[]> {
  const { t, access } = writeTarget(options, 'delete');
  const params: unknown[] = [ids];
  const audit = audited(options, t, 'delete', { after: null, before: 'r' }, params);
  const rule = ruleFor(t, access, params.length);
  const where = `e."id" = ANY ($1::uuid[])${t.entity.softDelete ? ` AND e."deleted_at" IS NULL` : ''}${rule.sql ? ` AND ${rule.sql}` : ''}`;
  const change = t.entity.softDelete
    ? `UPDATE ${t.table} AS e SET "deleted_at" = CURRENT_TIMESTAMP WHERE ${where} RETURNING ${t.writtenFromE}`
    : `DELETE FROM ${t.table} AS e WHERE ${where} RETURNING ${t.writtenFromE}`;
  const sql = `WITH r AS (${change})${audit}, ${notice(t, 'delete', options.announce)} SELECT r."id" FROM r CROSS JOIN n`;
  try {
    const { rows } = await options.db.query<{ id: string }>(
      prepared(t.version, sql, [...params, ...rule.params]),
    );
    return rows.map((r) => r.id);
  } catch (error) {
    translate(error, t, 'delete');
  }
}
