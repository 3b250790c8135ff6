/** What changed between two model documents, matched by stable id, for history and review. */
import type { ModelDocument } from './document';

export interface ModelChange {
  kind: 'added' | 'removed' | 'renamed' | 'changed';
  target: 'project' | 'entity' | 'field' | 'relation';
  /** `entity`, `entity.field`, the relation code (as in the newer document), or `service`. */
  path: string;
  summary: string;
  before?: unknown;
  after?: unknown;
}

function withoutIdentity<T extends object>(value: T): string {
  const {
    id: _id,
    code: _code,
    fields: _fields,
    renamedFrom: _r,
    // Where an entity sits on the diagram is layout, not a change of the model.
    position: _position,
    ...rest
  } = value as Record<string, unknown>;
  return JSON.stringify(rest, Object.keys(rest).sort());
}

export function diffDocuments(before: ModelDocument, after: ModelDocument): ModelChange[] {
  const changes: ModelChange[] = [];
  const [was, is] = [before.service?.url, after.service?.url];
  if (was !== is)
    changes.push({
      kind: was === undefined ? 'added' : is === undefined ? 'removed' : 'changed',
      target: 'project',
      path: 'service',
      summary: is === undefined ? 'Removed the ejected service' : `The ejected service is at ${is}`,
      before: was,
      after: is,
    });
  const oldEntities = new Map(before.entities.map((e) => [e.id, e]));
  const newIds = new Set(after.entities.map((e) => e.id));
  for (const entity of after.entities) {
    const old = oldEntities.get(entity.id);
    if (!old) {
      changes.push({
        kind: 'added',
        target: 'entity',
        path: entity.code,
        summary: `Added entity ${entity.code}`,
        after: entity,
      });
      continue;
    }
    if (old.code !== entity.code)
      changes.push({
        kind: 'renamed',
        target: 'entity',
        path: entity.code,
        summary: `Renamed entity ${old.code} to ${entity.code}`,
        before: old.code,
        after: entity.code,
      });
    if ((old.mode ?? 'interpreted') !== (entity.mode ?? 'interpreted'))
      changes.push({
        kind: 'changed',
        target: 'entity',
        path: entity.code,
        summary:
          entity.mode === 'ejected'
            ? `Entity ${entity.code} is served by the ejected service`
            : `Entity ${entity.code} is served by the runtime again`,
        before: old.mode ?? 'interpreted',
        after: entity.mode ?? 'interpreted',
      });
    if (withoutIdentity({ ...old, mode: null }) !== withoutIdentity({ ...entity, mode: null }))
      changes.push({
        kind: 'changed',
        target: 'entity',
        path: entity.code,
        summary: `Changed entity ${entity.code}`,
        before: old,
        after: entity,
      });
    const oldFields = new Map(old.fields.map((f) => [f.id, f]));
    const newFieldIds = new Set(entity.fields.map((f) => f.id));
    for (const field of entity.fields) {
      const path = `${entity.code}.${field.code}`;
      const previous = oldFields.get(field.id);
      if (!previous)
        changes.push({
          kind: 'added',
          target: 'field',
          path,
          summary: `Added field ${path} (${field.type})`,
          after: field,
        });
      else {
        if (previous.code !== field.code)
          changes.push({
            kind: 'renamed',
            target: 'field',
            path,
            summary: `Renamed field ${entity.code}.${previous.code} to ${field.code}`,
            before: previous.code,
            after: field.code,
          });
        if (withoutIdentity(previous) !== withoutIdentity(field))
          changes.push({
            kind: 'changed',
            target: 'field',
            path,
            summary: `Changed field ${path}`,
            before: previous,
            after: field,
          });
      }
    }
    for (const field of old.fields) {
      if (!newFieldIds.has(field.id))
        changes.push({
          kind: 'removed',
          target: 'field',
          path: `${entity.code}.${field.code}`,
          summary: `Removed field ${entity.code}.${field.code}`,
          before: field,
        });
    }
  }
  for (const entity of before.entities) {
    if (!newIds.has(entity.id))
      changes.push({
        kind: 'removed',
        target: 'entity',
        path: entity.code,
        summary: `Removed entity ${entity.code}`,
        before: entity,
      });
  }
  const oldRelations = new Map(before.relations.map((r) => [r.id, r]));
  const newRelationIds = new Set(after.relations.map((r) => r.id));
  for (const relation of after.relations) {
    const old = oldRelations.get(relation.id);
    if (!old)
      changes.push({
        kind: 'added',
        target: 'relation',
        path: relation.code,
        summary: `Added relation ${relation.code} (${relation.from} → ${relation.to})`,
        after: relation,
      });
    else {
      if (old.code !== relation.code)
        changes.push({
          kind: 'renamed',
          target: 'relation',
          path: relation.code,
          summary: `Renamed relation ${old.code} to ${relation.code}`,
          before: old.code,
          after: relation.code,
        });
      if (withoutIdentity(old) !== withoutIdentity(relation))
        changes.push({
          kind: 'changed',
          target: 'relation',
          path: relation.code,
          summary: `Changed relation ${relation.code}`,
          before: old,
          after: relation,
        });
    }
  }
  for (const relation of before.relations) {
    if (!newRelationIds.has(relation.id))
      changes.push({
        kind: 'removed',
        target: 'relation',
        path: relation.code,
        summary: `Removed relation ${relation.code}`,
        before: relation,
      });
  }
  return changes;
}
