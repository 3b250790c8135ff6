/**
 * The side panel for what is selected: an entity's properties and field order, a field's every
 * parameter (by its type), a relation's ends and behaviour. Values are checked with the
 * publishing rules as they are typed; an edit is saved when it is committed (Enter, leaving the
 * input, a checkbox), as one undoable edit.
 */
import type { Entity, Field } from '@tessera/meta';
import { useMemo } from 'react';

import { useDesignerState } from '../model/context';
import { EntityPanel } from './inspector/entity-panel';
import { FieldPanel } from './inspector/field-panel';
import { RelationPanel } from './inspector/relation-panel';

export function Inspector() {
  const model = useDesignerState((s) => s.model);
  const selection = useDesignerState((s) => s.selection);
  const entity = useMemo(
    () =>
      model?.entities.find((e) => e.id === selection.entity) as
        (Entity & { id: string }) | undefined,
    [model, selection.entity],
  );
  if (selection.relation) return <RelationPanel id={selection.relation} />;
  if (!entity) return <p className="muted">Select an entity, a field or a relation to edit it.</p>;
  const field = entity.fields.find((f) => f.id === selection.field) as
    (Field & { id: string }) | undefined;
  return field ? (
    <FieldPanel key={field.id} entity={entity} field={field} />
  ) : (
    <EntityPanel key={entity.id} entity={entity} />
  );
}
