/**
 * The filter language (Directus-style): `{ field: { _op: value } }`, `_and`, `_or`, `_not`,
 * to-one paths (`{ customer: { name: { _eq: 'Ada' } } }`) and to-many `_some` / `_none` through
 * an inverse. Every operator is checked against the field's type, every value is validated and
 * cast from the field's type and bound as a parameter; identifiers come only from metadata.
 */
import { AppError } from '@tessera/errors';
import {
  checkValue,
  columnType,
  type Entity,
  type Field,
  filterType,
  isOrderedType,
  isTextSearchType,
  type ModelDocument,
  quoteIdent,
} from '@tessera/meta';

import { allowsField, type EntityAccess } from '../access/policy';
import { SYSTEM_FIELDS, systemField } from './columns';
import { linksOf } from './links';

/** A filter, sort or selection the caller got wrong: 400, naming the parameter. */
export const filterError = (message: string) => new AppError('BAD_REQUEST', message);

/** A stored row filter that no longer compiles against the model: it grants nothing (403). */
export const accessRuleError = (message: string) =>
  new AppError('FORBIDDEN', message, { details: { rule: 'invalid' } });

/** Whether `error` is a stored row filter that no longer compiles. */
export const isAccessRuleError = (error: unknown) =>
  error instanceof AppError && error.details?.rule === 'invalid';

/** The caller's read access per entity code; null when it may not read that entity. */
export type AccessLookup = (entity: string) => EntityAccess | null;

export interface CompiledFilter {
  /** Null when nothing restricts the rows. */
  sql: string | null;
  params: unknown[];
}

const COMPARE: Record<string, string> = {
  _eq: '=',
  _neq: '<>',
  _lt: '<',
  _lte: '<=',
  _gt: '>',
  _gte: '>=',
};
const MAX_DEPTH = 5;
const MAX_CONDITIONS = 100;
const MAX_IN = 1000;

interface State {
  doc: ModelDocument;
  params: unknown[];
  offset: number;
  conditions: number;
  aliases: number;
  aliasPrefix: string;
  /** Restricts fields and related entities to what the caller may read; unset for rules. */
  access: AccessLookup | undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function bind(state: State, field: Field, value: unknown, where: string): string {
  const check = checkValue({ ...field, required: false, validation: undefined }, value);
  if (!check.ok || check.value === null)
    throw filterError(`${where}: ${check.ok ? 'a value is required' : check.message}`);
  // JSON values travel as their text: node-postgres would send a list as a PostgreSQL array.
  state.params.push(field.type === 'json' ? JSON.stringify(check.value) : check.value);
  const cast = field.type === 'computed' ? '' : `::${columnType(field)}`;
  return `$${state.offset + state.params.length}${cast}`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function fieldCondition(
  state: State,
  alias: string,
  entity: Entity,
  field: Field,
  ops: unknown,
  path: string,
): string[] {
  if (!isObject(ops)) throw filterError(`${path}: expected operators like { "_eq": … }`);
  const column = `${alias}.${quoteIdent(field.code)}`;
  const type = filterType(field);
  const parts: string[] = [];
  for (const [op, value] of Object.entries(ops)) {
    if (++state.conditions > MAX_CONDITIONS)
      throw filterError(`The filter has more than ${MAX_CONDITIONS} conditions`);
    const where = `${path}.${op}`;
    if (op in COMPARE) {
      if (op !== '_eq' && op !== '_neq' && !isOrderedType(type))
        throw filterError(`${where}: ${field.type} fields cannot be compared with ${op}`);
      parts.push(`${column} ${COMPARE[op]} ${bind(state, field, value, where)}`);
    } else if (op === '_in' || op === '_nin') {
      if (!Array.isArray(value) || value.length === 0 || value.length > MAX_IN)
        throw filterError(`${where}: expected a list of 1 to ${MAX_IN} values`);
      const list = value.map((v, i) => bind(state, field, v, `${where}[${i}]`)).join(', ');
      parts.push(
        op === '_in'
          ? `${column} IN (${list})`
          : `(${column} IS NULL OR ${column} NOT IN (${list}))`,
      );
    } else if (op === '_null' || op === '_nnull') {
      if (value !== true) throw filterError(`${where}: expected true`);
      parts.push(`${column} IS ${op === '_null' ? '' : 'NOT '}NULL`);
    } else if (
      op === '_contains' ||
      op === '_icontains' ||
      op === '_starts_with' ||
      op === '_ends_with'
    ) {
      if (!isTextSearchType(type)) throw filterError(`${where}: only text fields support ${op}`);
      if (typeof value !== 'string' || value.length > 500 || value.includes('\0'))
        throw filterError(`${where}: expected text of at most 500 characters, without NUL`);
      const pattern =
        op === '_starts_with'
          ? `${escapeLike(value)}%`
          : op === '_ends_with'
            ? `%${escapeLike(value)}`
            : `%${escapeLike(value)}%`;
      state.params.push(pattern);
      parts.push(
        `${column}::text ${op === '_icontains' ? 'ILIKE' : 'LIKE'} $${state.offset + state.params.length}`,
      );
    } else if (op === '_between') {
      if (!isOrderedType(type)) throw filterError(`${where}: ${field.type} fields have no range`);
      if (!Array.isArray(value) || value.length !== 2)
        throw filterError(`${where}: expected [from, to]`);
      parts.push(
        `${column} BETWEEN ${bind(state, field, value[0], `${where}[0]`)} AND ${bind(state, field, value[1], `${where}[1]`)}`,
      );
    } else {
      throw filterError(`${where}: unknown operator '${op.slice(0, 30)}'`);
    }
  }
  return parts;
}

function compileNode(
  state: State,
  entity: Entity,
  alias: string,
  node: unknown,
  path: string,
  depth: number,
): string {
  if (depth > MAX_DEPTH)
    throw filterError(`${path || 'filter'}: nested deeper than ${MAX_DEPTH} levels`);
  if (!isObject(node)) throw filterError(`${path || 'filter'}: expected an object`);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    const here = path ? `${path}.${key}` : key;
    if (key === '_and' || key === '_or') {
      if (!Array.isArray(value) || value.length === 0 || value.length > MAX_CONDITIONS)
        throw filterError(`${here}: expected a list of filters`);
      const inner = value.map((v, i) =>
        compileNode(state, entity, alias, v, `${here}[${i}]`, depth + 1),
      );
      parts.push(`(${inner.join(key === '_and' ? ' AND ' : ' OR ')})`);
      continue;
    }
    if (key === '_not') {
      parts.push(
        `NOT coalesce((${compileNode(state, entity, alias, value, here, depth + 1)}), FALSE)`,
      );
      continue;
    }
    const field = entity.fields.find((f) => f.code === key) ?? systemField(entity, key);
    // A field the caller may not read does not exist for it: no filter oracle.
    if (field && !readable(state, entity, key))
      throw filterError(`${here}: ${entity.code} has no field '${key.slice(0, 40)}'`);
    if (field) {
      parts.push(...fieldCondition(state, alias, entity, field, value, here));
      continue;
    }
    const link = linksOf(state.doc, entity).get(key);
    if (link?.field && !readable(state, entity, key))
      throw filterError(`${here}: ${entity.code} has no field '${key.slice(0, 40)}'`);
    if (link?.cardinality === 'one') {
      if (link.column && isObject(value) && Object.keys(value).some((k) => k.startsWith('_'))) {
        parts.push(
          ...fieldCondition(state, alias, entity, { code: key, type: 'uuid' }, value, here),
        );
        continue;
      }
      const inner = `${state.aliasPrefix}${++state.aliases}`;
      const rule = relatedRule(state, link.target, inner, here);
      const { from, where } = link.reach(alias, inner);
      parts.push(
        `EXISTS (SELECT 1 FROM ${from} WHERE ${where}${rule} AND ${compileNode(state, link.target, inner, value, here, depth + 1)})`,
      );
      continue;
    }
    if (link) {
      if (
        !isObject(value) ||
        Object.keys(value).length !== 1 ||
        !('_some' in value || '_none' in value)
      )
        throw filterError(`${here}: a to-many path takes { "_some": … } or { "_none": … }`);
      const inner = `${state.aliasPrefix}${++state.aliases}`;
      const [quantifier, nested] = Object.entries(value)[0]!;
      const rule = relatedRule(state, link.target, inner, here);
      const { from, where } = link.reach(alias, inner);
      const exists = `EXISTS (SELECT 1 FROM ${from} WHERE ${where}${rule} AND ${compileNode(state, link.target, inner, nested, `${here}.${quantifier}`, depth + 1)})`;
      parts.push(quantifier === '_none' ? `NOT ${exists}` : exists);
      continue;
    }
    throw filterError(`${here}: ${entity.code} has no field '${key.slice(0, 40)}'`);
  }
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

function readable(state: State, entity: Entity, key: string): boolean {
  if (!state.access || key === 'id' || Object.hasOwn(SYSTEM_FIELDS, key)) return true;
  const access = state.access(entity.code);
  return access !== null && allowsField(access, key);
}

/**
 * For a path into a related entity: refuses it when the caller may not read that entity, and
 * otherwise returns the caller's row filter there (` AND …`), so a path never looks at rows the
 * caller could not list.
 */
function relatedRule(state: State, target: Entity, alias: string, path: string): string {
  if (!state.access) return '';
  const access = state.access(target.code);
  if (!access) throw filterError(`${path}: ${target.code} may not be read`);
  return access.rowFilter ? ` AND (${compileRule(state, target, alias, access.rowFilter)})` : '';
}

/** A stored row filter, compiled with full sight of the model (it is written by administrators). */
function compileRule(state: State, entity: Entity, alias: string, rule: unknown): string {
  const access = state.access;
  const conditions = state.conditions;
  state.access = undefined;
  try {
    return compileNode(state, entity, alias, rule, '', 0);
  } catch (error) {
    if (error instanceof AppError && error.code === 'BAD_REQUEST')
      throw accessRuleError(`A permission rule on ${entity.code} is invalid: ${error.message}`);
    throw error;
  } finally {
    state.access = access;
    state.conditions = conditions;
  }
}

/**
 * Compiles a parsed filter (or null) for `entity` (row alias `alias`); parameters start at
 * `$offset + 1`. With `access`, fields and paths are limited to what the caller may read and the
 * caller's row filters (`rowFilter` for this entity, the read rule for related ones) are added.
 * Returns null for the SQL when nothing restricts the rows.
 */
export function compileFilter(options: {
  doc: ModelDocument;
  entity: Entity;
  alias: string;
  filter: unknown;
  offset: number;
  access?: AccessLookup;
  rowFilter?: unknown;
  /** Names the aliases of nested paths, so filters compiled apart never collide. */
  aliasPrefix?: string;
}): CompiledFilter {
  const state: State = {
    doc: options.doc,
    params: [],
    offset: options.offset,
    conditions: 0,
    aliases: 0,
    aliasPrefix: options.aliasPrefix ?? 't',
    access: options.access,
  };
  const parts: string[] = [];
  if (options.filter !== null && options.filter !== undefined)
    parts.push(`(${compileNode(state, options.entity, options.alias, options.filter, '', 0)})`);
  if (options.rowFilter !== null && options.rowFilter !== undefined)
    parts.push(`(${compileRule(state, options.entity, options.alias, options.rowFilter)})`);
  return { sql: parts.length ? parts.join(' AND ') : null, params: state.params };
}

/** Parses the `filter` query parameter. */
export function parseFilterParam(text: string | null): unknown {
  if (text === null || text.trim() === '') return null;
  if (text.length > 20_000) throw filterError('filter is longer than 20,000 characters');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw filterError('filter is not valid JSON');
  }
}
