/**
 * The field behind a column a query names: an entity's own field, a system field it keeps, or
 * a to-one relation key (read as a uuid). Filters, sorts, cursors and aggregates look them up here.
 */
import type { Entity, Field, ModelDocument } from '@tessera/meta';

import { linksOf } from './links';

export const SYSTEM_FIELDS: Record<string, Field> = {
  id: { code: 'id', type: 'uuid' },
  created_at: { code: 'created_at', type: 'datetime' },
  updated_at: { code: 'updated_at', type: 'datetime' },
  created_by: { code: 'created_by', type: 'uuid' },
  updated_by: { code: 'updated_by', type: 'uuid' },
  version: { code: 'version', type: 'integer' },
};

/** A system column the entity has; `Object.hasOwn` keeps `__proto__` and friends out. */
export function systemField(entity: Entity, key: string): Field | undefined {
  if (!Object.hasOwn(SYSTEM_FIELDS, key)) return undefined;
  if (
    key !== 'id' &&
    !(
      entity.systemFields ?? ['created_at', 'updated_at', 'created_by', 'updated_by', 'version']
    ).includes(key as never)
  )
    return undefined;
  return SYSTEM_FIELDS[key];
}

/** The field behind a readable column: an own field, a system field or a to-one key. */
export function columnField(doc: ModelDocument, entity: Entity, column: string): Field | undefined {
  const own = entity.fields.find((f) => f.code === column) ?? systemField(entity, column);
  if (own) return own;
  const link = linksOf(doc, entity).get(column);
  return link?.column ? { code: column, type: 'uuid' } : undefined;
}
