/**
 * Filters from forms. amis sends a form's values as bracketed query parameters
 * (`filter[status][_in][0]=new&filter[total][_gte]=10`), all as text, and untouched controls as
 * empty values. This reads them into the filter language: values become the field's type
 * (numbers, booleans), empty ones are dropped. A `filter` sent as JSON takes precedence.
 */
import type { Entity, Field, ModelDocument } from '@tessera/meta';
import qs from 'qs';

import { columnField } from './columns';
import { linksOf } from './links';

const NUMERIC = new Set(['integer', 'float', 'decimal']);

function coerce(field: Field | undefined, value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => coerce(field, v)).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (typeof value !== 'string') return value;
  if (value === '') return undefined;
  const type = field?.type === 'computed' ? field.resultType : field?.type;
  if (type && NUMERIC.has(type) && /^\s*-?(\d+\.?\d*|\.\d+)\s*$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/** Drops empty operators and fields; types the values of the entity's own fields. */
function clean(doc: ModelDocument, entity: Entity, node: unknown, depth: number): unknown {
  if (depth > 6 || typeof node !== 'object' || node === null || Array.isArray(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    let cleaned: unknown;
    if (key === '_and' || key === '_or') {
      const list = (Array.isArray(value) ? value : Object.values(value as object))
        .map((v) => clean(doc, entity, v, depth + 1))
        .filter((v) => v !== undefined);
      cleaned = list.length ? list : undefined;
    } else if (key === '_not') {
      cleaned = clean(doc, entity, value, depth + 1);
    } else {
      const field = columnField(doc, entity, key);
      const link = linksOf(doc, entity).get(key);
      if (
        field &&
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.keys(value).every((k) => k.startsWith('_'))
      ) {
        const ops: Record<string, unknown> = {};
        for (const [op, v] of Object.entries(value as Record<string, unknown>)) {
          const typed =
            op === '_null' || op === '_nnull'
              ? v === 'true' || v === true
                ? true
                : undefined
              : coerce(field, v);
          if (typed !== undefined) ops[op] = typed;
        }
        cleaned = Object.keys(ops).length ? ops : undefined;
      } else if (link && typeof value === 'object' && value !== null) {
        cleaned = clean(doc, link.target, value, depth + 1);
      } else {
        cleaned = value === '' ? undefined : value;
      }
    }
    if (
      cleaned !== undefined &&
      !(typeof cleaned === 'object' && cleaned !== null && Object.keys(cleaned).length === 0)
    )
      out[key] = cleaned;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The filter of a request as JSON text: the `filter` parameter, else bracketed form values. */
export function filterText(
  query: URLSearchParams,
  doc: ModelDocument,
  entity: Entity,
): string | null {
  const json = query.get('filter');
  if (json !== null) return json;
  const search = query.toString();
  if (!search.includes('filter%5B') && !search.includes('filter[')) return null;
  const parsed = qs.parse(search, { depth: 8, arrayLimit: 1000, parameterLimit: 5000 }).filter;
  const cleaned = clean(doc, entity, parsed, 0);
  return cleaned === undefined ? null : JSON.stringify(cleaned);
}
