/**
 * The inverse of operations: what to apply afterwards to put the document back. Undo sends the
 * inverse as an edit of its own, so it restores only what this edit changed and never another
 * modeler's later work (which, where it touched the same property, makes the undo a conflict).
 */
import type { Entity, ModelDocument } from '../document';
import { applyOpInPlace, entityById, relationById } from './apply';
import type { ModelOp } from './types';

/** Each changed property's value before: null where it was absent. */
function previous<T extends object>(target: object, changes: T): T {
  const source = target as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(changes).map((key) => [key, structuredClone(source[key] ?? null)]),
  ) as T;
}

const idOfCode = (doc: ModelDocument, code: string) =>
  doc.entities.find((e) => e.code === code)?.id ?? code;

function recreateRelation(doc: ModelDocument, id: string): ModelOp {
  const relation = relationById(doc, id);
  const { from, to, through, renamedFrom: _r, ...body } = structuredClone(relation);
  return {
    op: 'relation.create',
    relation: { ...body, id },
    from: idOfCode(doc, from),
    to: idOfCode(doc, to),
    ...(through ? { through: idOfCode(doc, through) } : {}),
    index: doc.relations.findIndex((r) => r.id === id),
  };
}

/** The operations that undo `op` on `doc` (the document before `op`), in order. */
function invertOne(doc: ModelDocument, op: ModelOp): ModelOp[] {
  switch (op.op) {
    case 'project.update':
      return [{ op: 'project.update', changes: previous(doc, op.changes) }];
    case 'entity.create':
      return [{ op: 'entity.delete', id: op.entity.id }];
    case 'entity.update':
      return [
        { op: 'entity.update', id: op.id, changes: previous(entityById(doc, op.id), op.changes) },
      ];
    case 'entity.delete': {
      const entity = entityById(doc, op.id);
      const { position, renamedFrom: _r, ...body } = structuredClone(entity);
      const relations = doc.relations.filter(
        (r) => r.from === entity.code || r.to === entity.code || r.through === entity.code,
      );
      return [
        {
          op: 'entity.create',
          entity: body as Entity & {
            id: string;
            fields: (Entity['fields'][number] & { id: string })[];
          },
          ...(position ? { position } : {}),
          index: doc.entities.indexOf(entity),
        },
        ...relations.map((r) => recreateRelation(doc, r.id!)),
      ];
    }
    case 'field.create':
      return [{ op: 'field.delete', entity: op.entity, id: op.field.id }];
    case 'field.update': {
      const field = entityById(doc, op.entity).fields.find((f) => f.id === op.id);
      return field
        ? [
            {
              op: 'field.update',
              entity: op.entity,
              id: op.id,
              changes: previous(field, op.changes),
            },
          ]
        : [];
    }
    case 'field.delete': {
      const entity = entityById(doc, op.entity);
      const index = entity.fields.findIndex((f) => f.id === op.id);
      const field = structuredClone(entity.fields[index]);
      return field
        ? [{ op: 'field.create', entity: op.entity, field: { ...field, id: op.id }, index }]
        : [];
    }
    case 'field.move': {
      const index = entityById(doc, op.entity).fields.findIndex((f) => f.id === op.id);
      return [{ op: 'field.move', entity: op.entity, id: op.id, index }];
    }
    case 'relation.create':
      return [{ op: 'relation.delete', id: op.relation.id }];
    case 'relation.update': {
      const relation = relationById(doc, op.id);
      const before = previous(relation, op.changes);
      // The ends are entity ids in an operation, codes in the document.
      for (const end of ['from', 'to', 'through'] as const)
        if (typeof before[end] === 'string') before[end] = idOfCode(doc, before[end]);
      return [{ op: 'relation.update', id: op.id, changes: before }];
    }
    case 'relation.delete':
      return [recreateRelation(doc, op.id)];
    case 'layout.move': {
      const positions: Record<string, { x: number; y: number } | null> = {};
      for (const id of Object.keys(op.positions)) {
        const entity = doc.entities.find((e) => e.id === id);
        const at = entity ? entity.position : doc.notes?.find((n) => n.id === id)?.position;
        if (at) positions[id] = { ...at };
        else if (entity) positions[id] = null;
      }
      return Object.keys(positions).length ? [{ op: 'layout.move', positions }] : [];
    }
    case 'note.create':
      return [{ op: 'note.delete', id: op.note.id }];
    case 'note.update': {
      const note = doc.notes?.find((n) => n.id === op.id);
      return note ? [{ op: 'note.update', id: op.id, changes: previous(note, op.changes) }] : [];
    }
    case 'note.delete': {
      const note = doc.notes?.find((n) => n.id === op.id);
      return note ? [{ op: 'note.create', note: structuredClone(note) }] : [];
    }
  }
}

/**
 * The operations that undo `ops` applied to `doc`. Throws OpRefused where `ops` cannot be
 * applied to `doc` (compute the inverse before sending, on the document the edit was made on).
 */
export function invertOps(doc: ModelDocument, ops: readonly ModelOp[]): ModelOp[] {
  const working = structuredClone(doc);
  const inverses: ModelOp[][] = [];
  for (const op of ops) {
    inverses.push(invertOne(working, op));
    applyOpInPlace(working, op);
  }
  return inverses.reverse().flat();
}
