/**
 * A stored filter (a row filter of a data permission) after fields were renamed: each field
 * key takes its new code, wherever the filter names it, at the top, inside `_and`/`_or`/
 * `_not`, or at the end of a path through related entities. The filter is read against the
 * model it was written for (the one published before the renames); operators and their
 * values are left as they are.
 */
import type { Entity, ModelDocument } from '@tessera/meta';

import { linksOf } from './links';

/** New codes of renamed fields, by entity code then old field code (both of the old model). */
export type FieldRenames = ReadonlyMap<string, ReadonlyMap<string, string>>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function renameFilterFields(
  doc: ModelDocument,
  entity: Entity,
  filter: unknown,
  renames: FieldRenames,
): unknown {
  if (!isObject(filter)) return filter;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if ((key === '_and' || key === '_or') && Array.isArray(value)) {
      out[key] = value.map((part) => renameFilterFields(doc, entity, part, renames));
      continue;
    }
    if (key === '_not' || key === '_some' || key === '_none') {
      out[key] = renameFilterFields(doc, entity, value, renames);
      continue;
    }
    if (key.startsWith('_')) {
      out[key] = value;
      continue;
    }
    const link = linksOf(doc, entity).get(key);
    // A to-one key compared as it is (`{ customer: { _eq: $user.id } }`) holds no field names.
    const compared = isObject(value) && Object.keys(value).some((k) => k.startsWith('_'));
    if (link && !(link.column && compared)) {
      out[key] = renameFilterFields(doc, link.target, value, renames);
      continue;
    }
    out[renames.get(entity.code)?.get(key) ?? key] = value;
  }
  return out;
}
