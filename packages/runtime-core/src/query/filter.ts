/**
 * The filter language (Directus-style): `{ field: { _op: value } }`, `_and`, `_or`, `_not`,
 * to-one paths (`{ customer: { name: { _eq: 'Ada' } } }`) and to-many `_some` / `_none` through
 * an inverse. Every operator is checked against the field's type, every value is validated and
 * cast from the field's type and bound as a parameter; identifiers come only from metadata.
 */
import { AppError } from '@tessera/errors';
import { type Entity, type ModelDocument } from '@tessera/meta';

import { allowsField, type EntityAccess } from '../access/policy';
import { SYSTEM_FIELDS, systemField } from './columns';
import {
  fieldCondition,
  filterError,
  isObject,
  MAX_CONDITIONS,
  type State,
} from './filter-conditions';
import { linksOf } from './links';

export { filterError } from './filter-conditions';

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

const MAX_DEPTH = 5;

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
