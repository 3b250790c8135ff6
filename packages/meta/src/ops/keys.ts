/**
 * What an operation writes, as keys: `e:<entity>` (the entity as a whole: its creation or
 * deletion), `e:<entity>.<property>`, `e:<entity>/f:<field>` and `…/f:<field>.<property>`,
 * `r:<relation>`, `r:<relation>.<property>`, `p.<property>`, `n:<note>…`. Two keys collide
 * when one is the other or contains it (`e:1` holds `e:1.name` and `e:1/f:2.type`), so a
 * deletion collides with every edit inside what it deletes.
 */
import type { ModelDocument } from '../document';
import type { ModelOp } from './types';

const entityKey = (id: string) => `e:${id}`;
const fieldKey = (entity: string, id: string) => `e:${entity}/f:${id}`;
const relationKey = (id: string) => `r:${id}`;
const props = (base: string, changes: object) => Object.keys(changes).map((k) => `${base}.${k}`);

/**
 * The keys `op` writes when applied to `doc` (the document it is applied to: an entity's
 * deletion also removes the relations that reach it there).
 */
export function opKeys(doc: ModelDocument, op: ModelOp): string[] {
  switch (op.op) {
    case 'project.update':
      return props('p', op.changes);
    case 'entity.create':
      return [entityKey(op.entity.id)];
    case 'entity.update':
      return props(entityKey(op.id), op.changes);
    case 'entity.delete': {
      const code = doc.entities.find((e) => e.id === op.id)?.code;
      const relations = doc.relations.filter(
        (r) => r.from === code || r.to === code || r.through === code,
      );
      return [entityKey(op.id), ...relations.flatMap((r) => (r.id ? [relationKey(r.id)] : []))];
    }
    case 'field.create':
    case 'field.delete':
      return [fieldKey(op.entity, op.op === 'field.create' ? op.field.id : op.id)];
    case 'field.update':
      return props(fieldKey(op.entity, op.id), op.changes);
    case 'field.move':
      return [`${fieldKey(op.entity, op.id)}.index`];
    case 'relation.create':
      return [relationKey(op.relation.id)];
    case 'relation.update':
      return props(relationKey(op.id), op.changes);
    case 'relation.delete':
      return [relationKey(op.id)];
    case 'layout.move':
      return Object.keys(op.positions).map((id) => `${id}.position`);
    case 'note.create':
      return [`n:${op.note.id}`];
    case 'note.update':
      return props(`n:${op.id}`, op.changes);
    case 'note.delete':
      return [`n:${op.id}`];
  }
}

/** Whether two keys touch the same thing (equal, or one inside the other). */
export function keysCollide(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return long.startsWith(short) && (long[short.length] === '.' || long[short.length] === '/');
}

/** The first of `keys` that collides with one of `taken`, with the key it met. */
export function firstCollision(
  keys: readonly string[],
  taken: readonly string[],
): { key: string; with: string } | null {
  for (const key of keys)
    for (const other of taken) if (keysCollide(key, other)) return { key, with: other };
  return null;
}

/** The entity, field or relation a key is about, for showing a conflict where it happened. */
export function keyTarget(key: string): {
  entity?: string;
  field?: string;
  relation?: string;
  note?: string;
  property?: string;
} {
  const match = /^(?:e:([^/.]+)(?:\/f:([^.]+))?|r:([^.]+)|n:([^.]+)|p)(?:\.(.+))?$/.exec(key);
  if (!match) return {};
  const [, entity, field, relation, note, property] = match;
  return Object.fromEntries(
    Object.entries({ entity, field, relation, note, property }).filter(([, v]) => v !== undefined),
  );
}

/**
 * What `doc` holds at a key now: a property's value, or the whole entity, field, relation or
 * note (undefined where it is gone). A refused edit carries it, so the editor can show theirs.
 */
export function valueAtKey(doc: ModelDocument, key: string): unknown {
  const target = keyTarget(key);
  let holder: object | undefined;
  if (target.note) holder = doc.notes?.find((n) => n.id === target.note);
  else if (target.relation) holder = doc.relations.find((r) => r.id === target.relation);
  else if (target.entity) {
    const entity = doc.entities.find((e) => e.id === target.entity);
    holder = target.field ? entity?.fields.find((f) => f.id === target.field) : entity;
  } else holder = doc;
  if (!holder || !target.property) return holder;
  return (holder as Record<string, unknown>)[target.property];
}

/**
 * The keys a whole-document replacement (an import, a rollback, a sync batch) writes: every
 * entity, relation and note that differs, as a whole, and the project's own properties.
 */
export function replacementKeys(before: ModelDocument, after: ModelDocument): string[] {
  const keys: string[] = [];
  const differs = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);
  const compare = <T extends { id?: string }>(prefix: string, a: T[], b: T[]) => {
    const old = new Map(a.map((x) => [x.id, x]));
    const seen = new Set<string>();
    for (const item of b) {
      if (!item.id) continue;
      seen.add(item.id);
      if (differs(old.get(item.id), item)) keys.push(`${prefix}:${item.id}`);
    }
    for (const item of a) if (item.id && !seen.has(item.id)) keys.push(`${prefix}:${item.id}`);
  };
  compare('e', before.entities.map(withoutPosition), after.entities.map(withoutPosition));
  compare('r', before.relations, after.relations);
  for (const key of ['name', 'description'] as const)
    if (differs(before[key], after[key])) keys.push(`p.${key}`);
  return keys;
}

const withoutPosition = <T extends { position?: unknown }>({ position: _p, ...rest }: T) => rest;
