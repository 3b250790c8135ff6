/**
 * The operations that turn one document into another, matched by id (run `assignIds(after,
 * before)` first for a document without ids): what a tool that sends whole entities or whole
 * documents (the sync endpoints) changed, as the same operations an editor sends, so it is
 * checked, merged, logged and heard the same way.
 */
import type { Entity, ModelDocument, Relation } from '../document';
import type { ModelOp } from './types';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The properties `after` sets differently from `before` (null: removed), `skip` aside. */
function changed(before: object, after: object, skip: readonly string[]) {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (skip.includes(key)) continue;
    if (!same(b[key], a[key])) out[key] = a[key] ?? null;
  }
  return out;
}

const ENTITY_SKIP = ['id', 'fields', 'position', 'renamedFrom'];
const FIELD_SKIP = ['id', 'renamedFrom', 'order'];
const RELATION_SKIP = ['id', 'renamedFrom', 'from', 'to', 'through'];

const has = (changes: object) => Object.keys(changes).length > 0;

export function documentOps(before: ModelDocument, after: ModelDocument): ModelOp[] {
  const ops: ModelOp[] = [];
  const idOf = (doc: ModelDocument, code: string) => doc.entities.find((e) => e.code === code)?.id;
  const oldEntities = new Map(before.entities.map((e) => [e.id, e]));
  const newEntities = new Map(after.entities.map((e) => [e.id, e]));
  const oldRelations = new Map(before.relations.map((r) => [r.id, r]));
  const newRelations = new Map(after.relations.map((r) => [r.id, r]));

  for (const r of before.relations)
    if (!newRelations.has(r.id)) ops.push({ op: 'relation.delete', id: r.id! });
  for (const e of before.entities)
    if (!newEntities.has(e.id)) ops.push({ op: 'entity.delete', id: e.id! });

  const positions: Record<string, { x: number; y: number } | null> = {};
  after.entities.forEach((entity, index) => {
    const old = oldEntities.get(entity.id);
    if (!old) {
      const { position, renamedFrom: _r, ...body } = entity;
      ops.push({
        op: 'entity.create',
        entity: body as Entity & {
          id: string;
          fields: (Entity['fields'][number] & { id: string })[];
        },
        ...(position ? { position } : {}),
        index,
      });
      return;
    }
    const id = entity.id!;
    const props = changed(old, entity, ENTITY_SKIP);
    if (has(props)) ops.push({ op: 'entity.update', id, changes: props });
    if (!same(old.position, entity.position)) positions[id] = entity.position ?? null;
    const oldFields = new Map(old.fields.map((f) => [f.id, f]));
    const newIds = new Set(entity.fields.map((f) => f.id));
    for (const f of old.fields)
      if (!newIds.has(f.id)) ops.push({ op: 'field.delete', entity: id, id: f.id! });
    entity.fields.forEach((field, at) => {
      const previous = oldFields.get(field.id);
      if (!previous) {
        const { renamedFrom: _r, ...body } = field;
        ops.push({
          op: 'field.create',
          entity: id,
          field: body as typeof body & { id: string },
          index: at,
        });
        return;
      }
      const changes = changed(previous, field, FIELD_SKIP);
      if (has(changes))
        ops.push({ op: 'field.update', entity: id, id: field.id!, changes: changes });
    });
    // The order: each field moved to its place, in order, once the rest are in.
    const kept = old.fields.filter((f) => newIds.has(f.id)).map((f) => f.id);
    const wanted = entity.fields.map((f) => f.id);
    const current = [...kept];
    for (const f of entity.fields)
      if (!oldFields.has(f.id)) current.splice(wanted.indexOf(f.id), 0, f.id);
    wanted.forEach((fieldId, at) => {
      if (current[at] === fieldId) return;
      current.splice(current.indexOf(fieldId), 1);
      current.splice(at, 0, fieldId);
      ops.push({ op: 'field.move', entity: id, id: fieldId!, index: at });
    });
  });

  const ends = (r: Relation) => ({
    from: idOf(after, r.from)!,
    to: idOf(after, r.to)!,
    ...(r.through ? { through: idOf(after, r.through)! } : {}),
  });
  after.relations.forEach((relation, index) => {
    const old = oldRelations.get(relation.id);
    if (!old) {
      const { from: _f, to: _t, through: _th, renamedFrom: _r, ...body } = relation;
      ops.push({
        op: 'relation.create',
        relation: { ...body, id: relation.id! },
        ...ends(relation),
        index,
      });
      return;
    }
    const changes: Record<string, unknown> = changed(old, relation, RELATION_SKIP);
    const now = ends(relation);
    if (idOf(before, old.from) !== now.from) changes.from = now.from;
    if (idOf(before, old.to) !== now.to) changes.to = now.to;
    const oldThrough = old.through ? idOf(before, old.through) : undefined;
    if (oldThrough !== now.through) changes.through = now.through ?? null;
    if (has(changes)) ops.push({ op: 'relation.update', id: relation.id!, changes: changes });
  });

  const project = changed(
    { name: before.name, description: before.description },
    { name: after.name, description: after.description },
    [],
  );
  if (has(project)) ops.push({ op: 'project.update', changes: project });

  const oldNotes = new Map((before.notes ?? []).map((n) => [n.id, n]));
  const newNoteIds = new Set((after.notes ?? []).map((n) => n.id));
  for (const n of before.notes ?? [])
    if (!newNoteIds.has(n.id)) ops.push({ op: 'note.delete', id: n.id });
  for (const note of after.notes ?? []) {
    const old = oldNotes.get(note.id);
    if (!old) ops.push({ op: 'note.create', note });
    else {
      const changes = changed(old, note, ['id', 'position']);
      if (has(changes)) ops.push({ op: 'note.update', id: note.id, changes });
      if (!same(old.position, note.position)) positions[note.id] = note.position;
    }
  }
  if (has(positions)) ops.push({ op: 'layout.move', positions });
  return ops;
}
