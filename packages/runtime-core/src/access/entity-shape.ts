/**
 * What of an entity a caller sees and may write, as the data API answers it: the columns and
 * lists a read returns (system fields always; other fields by the read grant's field list), and
 * the ones a create or update may send (with which a create requires). The OpenAPI document and
 * the generated TypeScript types both describe this.
 */
import type { Entity, Field, ModelDocument } from '@tessera/meta';

import { columnField } from '../query/columns';
import { type Link, linksOf } from '../query/links';
import { readColumns, systemColumns } from '../query/read-plan';
import type { EntityAccess } from './policy';

export interface ShapeMember {
  name: string;
  /** A system field, a field of the entity, a to-one key (the related id), a many-to-many list of ids. */
  kind: 'system' | 'field' | 'key' | 'list';
  field: Field;
  link?: Link;
  /** A create must send it: required, with no default. */
  required: boolean;
}

export interface EntityShape {
  read: ShapeMember[];
  create: ShapeMember[] | null;
  update: ShapeMember[] | null;
}

export function entityShape(
  doc: ModelDocument,
  entity: Entity,
  read: EntityAccess | null,
  writes: { create: EntityAccess | null; update: EntityAccess | null },
): EntityShape {
  const system = systemColumns(entity);
  const links = linksOf(doc, entity);
  // What a write answers shows the system fields to anyone, other fields only to readers.
  const shown = (name: string) => read !== null && (!read.fields || read.fields.has(name));
  const members: ShapeMember[] = [];
  for (const column of readColumns(doc, entity)) {
    const field = columnField(doc, entity, column)!;
    const link = links.get(column);
    members.push({
      name: column,
      kind: system.includes(column) ? 'system' : link ? 'key' : 'field',
      field,
      ...(link ? { link } : {}),
      required: 'required' in field && field.required === true && field.default === undefined,
    });
  }
  for (const link of links.values())
    if (link.junction)
      members.push({
        name: link.name,
        kind: 'list',
        field: { code: link.name, type: 'uuid' },
        link,
        required: false,
      });
  const writable = members.filter((m) => m.kind !== 'system' && m.field.type !== 'computed');
  const input = (access: EntityAccess | null) =>
    access ? writable.filter((m) => !access.fields || access.fields.has(m.name)) : null;
  return {
    read: members.filter((m) => m.kind === 'system' || shown(m.name)),
    create: input(writes.create),
    update: input(writes.update),
  };
}
