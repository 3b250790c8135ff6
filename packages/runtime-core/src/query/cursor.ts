/**
 * Keyset pagination: `after=<cursor>` continues a list after the row the cursor names, in the
 * list's order (its sort keys, then id; NULLs count as greater than any value, so they come
 * last ascending and first descending, as in PostgreSQL's indexes). The cursor is the base64url
 * JSON of that row's sort values and id, built by PostgreSQL along with the page.
 */
import {
  checkValue,
  columnType,
  type Entity,
  type ModelDocument,
  quoteIdent,
  relationField,
} from '@tessera/meta';

import { columnField } from './columns';
import { filterError } from './filter';
import type { SortKey } from './read-plan';

const NOT_NULL_SYSTEM = new Set(['id', 'created_at', 'updated_at', 'version']);

/** Whether `column` can never be NULL: a required field or key, or a system column set always. */
function notNull(doc: ModelDocument, entity: Entity, column: string): boolean {
  if (NOT_NULL_SYSTEM.has(column)) return true;
  const field = entity.fields.find((f) => f.code === column);
  if (field) return field.type !== 'computed' && field.required === true;
  return doc.relations.some(
    (r) =>
      r.type !== 'many-to-many' &&
      r.from === entity.code &&
      relationField(r) === column &&
      r.required === true,
  );
}

/** The sort keys a list really orders by, before the final id. */
export function orderKeys(entity: Entity, sort: SortKey[]): SortKey[] {
  if (sort.length) return sort;
  const hasCreated = (entity.systemFields ?? ['created_at']).includes('created_at');
  return hasCreated ? [{ field: 'created_at', desc: true }] : [];
}

/** Names the order a cursor belongs to, so a cursor from another order is refused. */
const signature = (keys: SortKey[]) => keys.map((k) => `${k.desc ? '-' : ''}${k.field}`).join(',');

/** SQL for the cursor of row alias `e`: base64url of `[order, sort values…, id]`. */
export function cursorExpression(keys: SortKey[]): string {
  const order = `'${signature(keys).replace(/'/g, "''")}'::text`;
  const values = [order, ...keys.map((k) => `e.${quoteIdent(k.field)}`), `e."id"`].join(', ');
  return `rtrim(translate(encode(convert_to(json_build_array(${values})::text, 'UTF8'), 'base64'), E'+/\\n', '-_'), '=')`;
}

/**
 * The condition for rows after `cursor`, its parameters numbered after `offset`. Equal keys
 * compare with IS NOT DISTINCT FROM. A first key that cannot be NULL also bounds the scan
 * (`total <= $1` descending), so an index on it starts at the cursor instead of the top.
 */
export function afterCondition(
  doc: ModelDocument,
  entity: Entity,
  keys: SortKey[],
  cursor: string,
  offset: number,
): { sql: string; params: unknown[] } {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = null;
  }
  if (
    !Array.isArray(values) ||
    values.length !== keys.length + 2 ||
    values.shift() !== signature(keys)
  )
    throw filterError('after: not a cursor of this list (was the sort changed?)');
  const params: unknown[] = [];
  const bound: string[] = [];
  const fields = [
    ...keys.map((k) => columnField(doc, entity, k.field)!),
    { code: 'id', type: 'uuid' as const },
  ];
  fields.forEach((field, i) => {
    const check = checkValue({ ...field, required: false, validation: undefined }, values[i]);
    if (!check.ok || (field.code === 'id' && check.value === null))
      throw filterError('after: not a cursor of this list');
    params.push(check.value);
    bound.push(`$${offset + params.length}::${columnType(field)}`);
  });
  const column = (i: number) => `e.${quoteIdent(fields[i]!.code)}`;
  const alternatives: string[] = [];
  for (let i = 0; i <= keys.length; i++) {
    const equal = Array.from(
      { length: i },
      (_, j) => `${column(j)} IS NOT DISTINCT FROM ${bound[j]}`,
    );
    const key = keys[i];
    // NULL is greater than any value: after a value ascending come greater ones and NULLs;
    // descending, smaller ones, and after a NULL every value.
    const beyond = !key
      ? `${column(i)} > ${bound[i]}`
      : key.desc
        ? `(${column(i)} < ${bound[i]} OR (${bound[i]} IS NULL AND ${column(i)} IS NOT NULL))`
        : `(${bound[i]} IS NOT NULL AND (${column(i)} > ${bound[i]} OR ${column(i)} IS NULL))`;
    alternatives.push([...equal, beyond].join(' AND '));
  }
  const first = keys[0];
  const range =
    first && notNull(doc, entity, first.field)
      ? `${column(0)} ${first.desc ? '<=' : '>='} ${bound[0]} AND `
      : '';
  return { sql: `(${range}(${alternatives.map((a) => `(${a})`).join(' OR ')}))`, params };
}
