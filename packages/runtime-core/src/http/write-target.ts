/**
 * What every write starts from: the entity, the columns the caller may write (fields, to-one
 * keys, many-to-many lists) and what the answer shows, compiled once per plan and access; the
 * caller's row filter; the pieces of the statement (the answer, link writes, the change
 * notice); value collection and the translation of driver errors.
 */
import { translateDatabaseError } from '@tessera/errors';
import {
  checkValue,
  columnType,
  type Field,
  quoteIdent,
  relationField,
  sqlLiteral,
} from '@tessera/meta';

import { accessKey, type EntityAccess } from '../access/policy';
import { type ChangeOp, notifyCte } from '../changes/notify';
import { compileFilter } from '../query/filter';
import { type Link, linksOf } from '../query/links';
import { systemColumns } from '../query/read-plan';
import { PerPlan } from './per-plan';
import { type DataRequest, denied, resolveTarget, type Target } from './target';
import { checkIdList, currentLinks, replaceLinks } from './write-links';

export interface WriteTarget extends Target {
  table: string;
  /** Writable columns with the field that validates them. */
  writable: Map<string, Field>;
  /** What the response shows: the columns the caller may read. */
  returning: string;
  /** Writable many-to-many fields. */
  lists: Map<string, Link>;
  /** Many-to-many fields the response shows. */
  shownLists: Link[];
  /**
   * What a write returns into `r`: every column of the model, named, so a statement's result
   * type never changes under it while a publish adds columns.
   */
  written: string;
  writtenFromE: string;
}

type Prepared = { t: WriteTarget; access: EntityAccess };
/** Write targets, for callers with the same access. */
const prepareds = new PerPlan<Prepared>();

/** The entity, its writable columns and the caller's access for `action`, compiled once per access. */
export function writeTarget(
  request: DataRequest,
  action: 'create' | 'update' | 'delete',
): Prepared {
  const base = resolveTarget(request);
  const key = `${action}|${accessKey(request.caller, action)}|${base.accessKey}`;
  const built = prepareds.get(base.plan, key, () => buildWriteTarget(base, request, action));
  // The cached target keeps the first caller's lookups: this request's own take their place.
  return { t: { ...built.t, ...base }, access: built.access };
}

function buildWriteTarget(
  base: Target,
  request: DataRequest,
  action: 'create' | 'update' | 'delete',
): Prepared {
  const access = base.access(action);
  if (!access) throw denied(action, request.entity);
  const writable = new Map<string, Field>();
  const allowed = (code: string) => !access.fields || access.fields.has(code);
  for (const field of base.entity.fields)
    if (field.type !== 'computed' && allowed(field.code)) writable.set(field.code, field);
  for (const relation of base.doc.relations) {
    const code = relationField(relation);
    if (relation.type !== 'many-to-many' && relation.from === base.entity.code && allowed(code))
      writable.set(code, { code, type: 'uuid', required: relation.required });
  }
  const read = base.access('read');
  const readable = (c: string) => Boolean(read && (!read.fields || read.fields.has(c)));
  const shown = base.plan.columns.filter((c) => base.plan.system.includes(c) || readable(c));
  const links = [...linksOf(base.doc, base.entity).values()].filter((l) => l.junction);
  return {
    t: {
      ...base,
      table: `${quoteIdent(request.project)}.${quoteIdent(base.entity.code)}`,
      writable,
      returning: shown.map((c) => `e.${quoteIdent(c)}`).join(', '),
      lists: new Map(links.filter((l) => allowed(l.name)).map((l) => [l.name, l])),
      shownLists: links.filter((l) => readable(l.name) && base.access('read', l.target.code)),
      written: base.plan.columns.map(quoteIdent).join(', '),
      writtenFromE: base.plan.columns.map((c) => `e.${quoteIdent(c)}`).join(', '),
    },
    access,
  };
}

/** The caller's row filter for this action over alias `e`, parameters after `offset`. */
export function ruleFor(
  t: WriteTarget,
  access: EntityAccess,
  offset: number,
): { sql: string | null; params: unknown[] } {
  return compileFilter({
    doc: t.doc,
    entity: t.entity,
    alias: 'e',
    filter: null,
    offset,
    rowFilter: access.rowFilter,
  });
}

/**
 * The final SELECT of a write: the visible columns and many-to-many lists (`written` holds the
 * lists this statement sets), refusing a row outside the rule.
 */
export function answer(
  t: WriteTarget,
  rule: string | null,
  action: string,
  written: Map<string, string>,
): string {
  const check = rule
    ? ` WHERE CASE WHEN ${rule} THEN TRUE ELSE tessera_deny('The ${t.entity.code} would be outside what you may ${action}') END`
    : '';
  const lists = t.shownLists.map(
    (l) => `, ${written.get(l.name) ?? currentLinks(t.doc.project, l)} AS ${quoteIdent(l.name)}`,
  );
  return `SELECT to_json(x)::text AS json FROM (SELECT ${t.returning}${lists.join('')} FROM r AS e${check}) x CROSS JOIN n`;
}

export const notice = (t: WriteTarget, op: ChangeOp, announce: boolean | undefined) =>
  announce === false
    ? 'n AS (SELECT 1 AS sent)'
    : notifyCte(t.doc.project, t.entity.code, op, op === 'delete' && !t.entity.softDelete);

/**
 * Whether the row `id` (SQL) of the entity `link` reaches is one the caller may read: live and
 * inside its row filter there; parameters appended to `params`. False when it may not read
 * that entity at all.
 */
function readableRow(t: WriteTarget, link: Link, id: string, params: unknown[], n: number): string {
  const access = t.access('read', link.target.code);
  if (!access) return 'FALSE';
  const alias = `v${n}`;
  const rule = compileFilter({
    doc: t.doc,
    entity: link.target,
    alias,
    filter: null,
    offset: params.length,
    rowFilter: access.rowFilter,
    aliasPrefix: `${alias}_t`,
  });
  params.push(...rule.params);
  const live = link.target.softDelete ? ` AND ${alias}."deleted_at" IS NULL` : '';
  return `EXISTS (SELECT 1 FROM ${quoteIdent(t.doc.project)}.${quoteIdent(link.target.code)} ${alias} WHERE ${alias}."id" = ${id}${live}${rule.sql ? ` AND ${rule.sql}` : ''})`;
}

/** The error a reference to a row the caller may not read raises: a missing row's. */
const noSuchRow = (field: string) => `tessera_no_such_row(${sqlLiteral(field)})`;

/**
 * The value of a to-one key as written: `value` (SQL) when it is NULL or names a row the caller
 * may read, else the statement fails as it would for a row that does not exist.
 */
export function referenceValue(
  t: WriteTarget,
  column: string,
  value: string,
  params: unknown[],
): string {
  const link = linksOf(t.doc, t.entity).get(column);
  if (!link?.column) return value;
  const readable = readableRow(t, link, value, params, params.length);
  return `CASE WHEN ${value} IS NULL OR ${readable} THEN ${value} ELSE ${noSuchRow(column)} END`;
}

/** The CTEs that set the many-to-many lists in `links`, parameters appended to `params`. */
export function linkWrites(
  t: WriteTarget,
  links: Map<string, string[]>,
  params: unknown[],
  updating: boolean,
): { ctes: string; written: Map<string, string> } {
  const ctes: string[] = [];
  const written = new Map<string, string>();
  let n = 0;
  for (const [name, ids] of links) {
    params.push(ids);
    const link = t.lists.get(name)!;
    const index = params.length;
    // Every id listed must name a row the caller may read, as a missing one would fail.
    const guard = (id: string) =>
      `CASE WHEN ${readableRow(t, link, id, params, index)} THEN TRUE ELSE ${noSuchRow(name)} IS NOT NULL END`;
    const replaced = replaceLinks(t.doc.project, link, index, `l${++n}`, updating, guard);
    ctes.push(...replaced.ctes);
    written.set(name, replaced.shown);
  }
  return { ctes: ctes.map((c) => `, ${c}`).join(''), written };
}

/** Whether the entity keeps the system column `column`. */
export const has = (entity: Target['entity'], column: string) =>
  systemColumns(entity).includes(column);

/** Validated values for the writable keys present in `body`; errors keyed by field. */
export function collect(
  t: WriteTarget,
  body: Record<string, unknown>,
  creating: boolean,
): {
  values: Map<string, unknown>;
  links: Map<string, string[]>;
  errors: Record<string, string>;
} {
  const values = new Map<string, unknown>();
  const links = new Map<string, string[]>();
  const errors: Record<string, string> = {};
  for (const name of t.lists.keys()) {
    if (!Object.hasOwn(body, name)) continue;
    const check = checkIdList(body[name]);
    if (check.ok) links.set(name, check.ids);
    else errors[name] = check.message;
  }
  for (const [code, field] of t.writable) {
    const present = Object.hasOwn(body, code);
    if (!present && !(creating && field.required && field.default === undefined)) continue;
    const check = checkValue(field, present ? body[code] : undefined);
    if (!check.ok) errors[code] = check.message;
    // JSON values travel as their text: node-postgres would send a string as it is (not JSON)
    // and a list as a PostgreSQL array.
    else
      values.set(
        code,
        field.type === 'json' && check.value !== null ? JSON.stringify(check.value) : check.value,
      );
  }
  return { values, links, errors };
}

export function placeholder(field: Field, index: number): string {
  return `$${index}::${columnType(field)}`;
}

/**
 * A driver error of a write as the caller's AppError (the one translation in
 * `@tessera/errors`), naming the field a constraint belongs to; rethrown when it is not one.
 */
export function translate(error: unknown, t: WriteTarget, action: 'write' | 'delete'): never {
  throw (
    translateDatabaseError(error, {
      subject: t.entity.code,
      deleting: action === 'delete',
      fieldOf: ({ constraint, column }) =>
        [...t.lists.values()].find(
          (l) => constraint?.startsWith(`${l.junction!.table}_`) || column === l.name,
        )?.name ??
        [...t.writable.keys()].find((c) => constraint?.includes(`_${c}_`) || column === c),
    }) ?? error
  );
}
