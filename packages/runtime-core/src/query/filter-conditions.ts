/**
 * One field's conditions in the filter language (`{ _op: value, … }`) as SQL: each operator
 * checked against the field's type (the table in `@tessera/meta`), each value validated, cast
 * from the field's type and bound as a parameter.
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

import type { AccessLookup } from './filter';

/** A filter, sort or selection the caller got wrong: 400, naming the parameter. */
export const filterError = (message: string) => new AppError('BAD_REQUEST', message);

const COMPARE: Record<string, string> = {
  _eq: '=',
  _neq: '<>',
  _lt: '<',
  _lte: '<=',
  _gt: '>',
  _gte: '>=',
};
export const MAX_CONDITIONS = 100;
const MAX_IN = 1000;

export interface State {
  doc: ModelDocument;
  params: unknown[];
  offset: number;
  conditions: number;
  aliases: number;
  aliasPrefix: string;
  /** Restricts fields and related entities to what the caller may read; unset for rules. */
  access: AccessLookup | undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
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

export function fieldCondition(
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
