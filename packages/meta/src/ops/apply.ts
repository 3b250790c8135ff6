/**
 * Applying operations to a model document. Pure: the document passed in is not changed. An
 * operation on something that is not there (deleted meanwhile) or that would create what exists
 * is refused with the reason; whether the result is a valid model is `validateDocument`'s job.
 */
import type { Entity, ModelDocument, Relation } from '../document';
import type { Field } from '../fields';
import type { ModelOp, OpOf } from './types';

/** Why an operation cannot apply: what it names is not there, or what it creates is. */
export type RefusalReason = 'missing' | 'taken';

export type ApplyResult =
  | { ok: true; document: ModelDocument }
  | { ok: false; index: number; message: string; reason: RefusalReason };

export class OpRefused extends Error {
  override readonly name = 'OpRefused';
  constructor(
    message: string,
    readonly reason: RefusalReason = 'missing',
  ) {
    super(message);
  }
}

type Mutable = Record<string, unknown>;

/** Sets each property; null (or undefined) removes it. */
function assignChanges(target: object, changes: object) {
  const t = target as Mutable;
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined) delete t[key];
    else t[key] = structuredClone(value);
  }
}

export function entityById(doc: ModelDocument, id: string): Entity {
  const entity = doc.entities.find((e) => e.id === id);
  if (!entity) throw new OpRefused(`The entity ${id} is not in the model (deleted meanwhile?)`);
  return entity;
}

function fieldById(entity: Entity, id: string): { field: Field; index: number } {
  const index = entity.fields.findIndex((f) => f.id === id);
  if (index === -1)
    throw new OpRefused(`The field ${id} is not in '${entity.code}' (deleted meanwhile?)`);
  return { field: entity.fields[index]!, index };
}

export function relationById(doc: ModelDocument, id: string): Relation {
  const relation = doc.relations.find((r) => r.id === id);
  if (!relation) throw new OpRefused(`The relation ${id} is not in the model (deleted meanwhile?)`);
  return relation;
}

function insertAt<T>(list: T[], item: T, index: number | undefined) {
  list.splice(index === undefined ? list.length : Math.min(index, list.length), 0, item);
}

function refuseTaken(taken: boolean, what: string) {
  if (taken) throw new OpRefused(`${what} is already in the model`, 'taken');
}

const apply = {
  'project.update'(doc, op) {
    assignChanges(doc, op.changes);
  },
  'entity.create'(doc, op) {
    refuseTaken(
      doc.entities.some((e) => e.id === op.entity.id || e.code === op.entity.code),
      `Entity '${op.entity.code}'`,
    );
    const entity = structuredClone(op.entity) as Entity;
    if (op.position) entity.position = { ...op.position };
    insertAt(doc.entities, entity, op.index);
  },
  'entity.update'(doc, op) {
    const entity = entityById(doc, op.id);
    const before = entity.code;
    assignChanges(entity, op.changes);
    // Relations name their ends by code: follow a rename.
    if (entity.code !== before) {
      for (const r of doc.relations) {
        if (r.from === before) r.from = entity.code;
        if (r.to === before) r.to = entity.code;
        if (r.through === before) r.through = entity.code;
      }
    }
  },
  'entity.delete'(doc, op) {
    const entity = entityById(doc, op.id);
    doc.entities = doc.entities.filter((e) => e.id !== op.id);
    doc.relations = doc.relations.filter(
      (r) => r.from !== entity.code && r.to !== entity.code && r.through !== entity.code,
    );
  },
  'field.create'(doc, op) {
    const entity = entityById(doc, op.entity);
    refuseTaken(
      entity.fields.some((f) => f.id === op.field.id),
      `Field '${entity.code}.${op.field.code}'`,
    );
    insertAt(entity.fields, structuredClone(op.field) as Field, op.index);
  },
  'field.update'(doc, op) {
    const entity = entityById(doc, op.entity);
    const { field } = fieldById(entity, op.id);
    assignChanges(field, op.changes);
  },
  'field.delete'(doc, op) {
    const entity = entityById(doc, op.entity);
    fieldById(entity, op.id);
    entity.fields = entity.fields.filter((f) => f.id !== op.id);
  },
  'field.move'(doc, op) {
    const entity = entityById(doc, op.entity);
    const { field, index } = fieldById(entity, op.id);
    entity.fields.splice(index, 1);
    insertAt(entity.fields, field, op.index);
  },
  'relation.create'(doc, op) {
    refuseTaken(
      doc.relations.some((r) => r.id === op.relation.id || r.code === op.relation.code),
      `Relation '${op.relation.code}'`,
    );
    const relation: Relation = {
      ...structuredClone(op.relation),
      from: entityById(doc, op.from).code,
      to: entityById(doc, op.to).code,
      ...(op.through ? { through: entityById(doc, op.through).code } : {}),
    };
    insertAt(doc.relations, relation, op.index);
  },
  'relation.update'(doc, op) {
    const relation = relationById(doc, op.id);
    const { from, to, through, ...rest } = op.changes;
    assignChanges(relation, rest);
    if (from) relation.from = entityById(doc, from).code;
    if (to) relation.to = entityById(doc, to).code;
    if (through === null) delete relation.through;
    else if (through) relation.through = entityById(doc, through).code;
  },
  'relation.delete'(doc, op) {
    relationById(doc, op.id);
    doc.relations = doc.relations.filter((r) => r.id !== op.id);
  },
  'layout.move'(doc, op) {
    for (const [id, position] of Object.entries(op.positions)) {
      const entity = doc.entities.find((e) => e.id === id);
      const note = doc.notes?.find((n) => n.id === id);
      // Last writer wins, and a move of something deleted meanwhile is simply moot.
      if (entity && position) entity.position = { ...position };
      else if (entity) delete entity.position;
      else if (note && position) note.position = { ...position };
    }
  },
  'note.create'(doc, op) {
    refuseTaken(doc.notes?.some((n) => n.id === op.note.id) ?? false, 'This note');
    doc.notes = [...(doc.notes ?? []), structuredClone(op.note)];
  },
  'note.update'(doc, op) {
    const note = doc.notes?.find((n) => n.id === op.id);
    if (!note) throw new OpRefused('The note is not on the diagram (deleted meanwhile?)');
    assignChanges(note, op.changes);
  },
  'note.delete'(doc, op) {
    if (!doc.notes?.some((n) => n.id === op.id))
      throw new OpRefused('The note is not on the diagram (deleted meanwhile?)');
    doc.notes = doc.notes.filter((n) => n.id !== op.id);
    if (doc.notes.length === 0) delete doc.notes;
  },
} satisfies { [K in ModelOp['op']]: (doc: ModelDocument, op: OpOf<K>) => void };

/** Applies one operation in place. Throws OpRefused. */
export function applyOpInPlace(doc: ModelDocument, op: ModelOp): void {
  (apply[op.op] as (doc: ModelDocument, op: ModelOp) => void)(doc, op);
}

/** Applies operations in order to a copy of `doc`; the first refused one stops it. */
export function applyOps(doc: ModelDocument, ops: readonly ModelOp[]): ApplyResult {
  const working = structuredClone(doc);
  for (const [index, op] of ops.entries()) {
    try {
      applyOpInPlace(working, op);
    } catch (error) {
      if (error instanceof OpRefused)
        return { ok: false, index, message: error.message, reason: error.reason };
      throw error;
    }
  }
  return { ok: true, document: working };
}
