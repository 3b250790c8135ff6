/**
 * The editing commands of the toolbar and the keyboard: new entity or note (where the view is),
 * delete what is selected (an entity's deletion says what it takes first), move a field, find
 * an entity and centre on it.
 */
import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';

import { useDesigner, useDesignerState } from './model/context';

function uniqueCode(base: string, taken: (code: string) => boolean) {
  for (let i = 1; ; i++) if (!taken(`${base}_${i}`)) return `${base}_${i}`;
}

export function useEditorActions({
  onNotice,
  onDeleted,
}: {
  onNotice: (message: string) => void;
  /** After an entity's deletion: the plan shows what a publish would take with it. */
  onDeleted: () => void;
}) {
  const designer = useDesigner();
  const flow = useReactFlow();
  const model = useDesignerState((s) => s.model);

  const newEntity = useCallback(() => {
    if (!model) return;
    const code = uniqueCode('entity', (c) => model.entities.some((e) => e.code === c));
    const center = flow.screenToFlowPosition({
      x: window.innerWidth / 2 - 200,
      y: window.innerHeight / 2,
    });
    const id = crypto.randomUUID();
    const problem = designer.queue(`add entity ${code}`, [
      {
        op: 'entity.create',
        entity: { id, code, fields: [] },
        position: { x: Math.round(center.x), y: Math.round(center.y) },
      },
    ]);
    if (!problem) designer.select({ entity: id });
  }, [model, flow, designer]);

  const newNote = useCallback(() => {
    const center = flow.screenToFlowPosition({
      x: window.innerWidth / 2 - 200,
      y: window.innerHeight / 2 - 120,
    });
    designer.queue('add note', [
      {
        op: 'note.create',
        note: {
          id: crypto.randomUUID(),
          text: 'Note',
          position: { x: Math.round(center.x), y: Math.round(center.y) },
        },
      },
    ]);
  }, [flow, designer]);

  const deleteSelection = useCallback(() => {
    if (!model) return;
    const { entity, field, relation, note } = designer.get().selection;
    if (relation) {
      const r = model.relations.find((x) => x.id === relation);
      if (r) designer.queue(`delete relation ${r.code}`, [{ op: 'relation.delete', id: relation }]);
    } else if (entity && field) {
      const e = model.entities.find((x) => x.id === entity);
      const f = e?.fields.find((x) => x.id === field);
      if (f)
        designer.queue(`delete field ${e!.code}.${f.code}`, [
          { op: 'field.delete', entity, id: field },
        ]);
    } else if (entity) {
      const e = model.entities.find((x) => x.id === entity);
      if (!e) return;
      const relations = model.relations.filter(
        (r) => r.from === e.code || r.to === e.code || r.through === e.code,
      );
      const cost = `Delete entity ${e.code}? It takes ${e.fields.length} field(s) and ${relations.length} relation(s) with it; the plan shows the rows a publish would move to the trash.`;
      if (window.confirm(cost)) {
        designer.queue(`delete entity ${e.code}`, [{ op: 'entity.delete', id: entity }]);
        designer.select({});
        onDeleted();
      }
    } else if (note) {
      designer.queue('delete note', [{ op: 'note.delete', id: note }]);
    }
  }, [model, designer, onDeleted]);

  const moveField = useCallback(
    (delta: number) => {
      const { entity, field } = designer.get().selection;
      const e = model?.entities.find((x) => x.id === entity);
      const index = e?.fields.findIndex((f) => f.id === field) ?? -1;
      if (!e || index < 0 || index + delta < 0 || index + delta >= e.fields.length) return;
      designer.queue(`move ${e.fields[index]!.code}`, [
        { op: 'field.move', entity: e.id!, id: field!, index: index + delta },
      ]);
    },
    [model, designer],
  );

  const jump = useCallback(
    (term: string) => {
      const t = term.trim().toLowerCase();
      const found =
        model?.entities.find((e) => e.code.toLowerCase() === t) ??
        model?.entities.find(
          (e) => e.code.toLowerCase().includes(t) || e.name?.toLowerCase().includes(t),
        );
      if (!found?.id) return onNotice(`No entity matches '${term}'`);
      designer.select({ entity: found.id });
      const node = flow.getInternalNode(found.id);
      const at = node?.internals.positionAbsolute ?? found.position ?? { x: 0, y: 0 };
      const width = node?.measured.width ?? 240;
      const height = node?.measured.height ?? 200;
      void flow.setCenter(at.x + width / 2, at.y + height / 2, { zoom: 1, duration: 300 });
    },
    [model, designer, flow, onNotice],
  );

  return { newEntity, newNote, deleteSelection, moveField, jump };
}
