/** Entity, field and relation edits, each one a draft transformation (see draft.ts). */
import { AppError } from '@tessera/errors';
import type { Entity, FieldInput, ModelDocument, Relation } from '@tessera/meta';

import type { AuthedContext } from '../types';
import { updateDraft } from './draft';

type Base = { project: string; baseRevision?: number };

function entityOf(doc: ModelDocument, project: string, code: string): Entity {
  const entity = doc.entities.find((e) => e.code === code);
  if (!entity) throw new AppError('NOT_FOUND', `No entity '${code}' in project '${project}'`);
  return entity;
}

export function createEntity(
  ctx: AuthedContext,
  input: Base & { entity: Omit<Entity, 'id' | 'fields'> & { fields?: FieldInput[] } },
) {
  return updateDraft(
    ctx,
    { ...input, operation: 'entity.create', entity: input.entity.code },
    (doc) => {
      if (doc.entities.some((e) => e.code === input.entity.code))
        throw new AppError(
          'CONFLICT',
          `Entity '${input.entity.code}' already exists in '${input.project}'`,
          { fieldErrors: { code: 'This code is already in use' } },
        );
      doc.entities.push({
        ...input.entity,
        fields: (input.entity.fields ?? []) as Entity['fields'],
      });
    },
  );
}

export function updateEntity(
  ctx: AuthedContext,
  input: Base & { code: string; changes: Partial<Omit<Entity, 'id' | 'fields'>> },
) {
  return updateDraft(ctx, { ...input, operation: 'entity.update', entity: input.code }, (doc) => {
    const entity = entityOf(doc, input.project, input.code);
    const renamed =
      input.changes.code && input.changes.code !== entity.code ? input.changes.code : null;
    Object.assign(entity, input.changes);
    // Relations name their ends by code: follow a rename.
    if (renamed) {
      for (const r of doc.relations) {
        if (r.from === input.code) r.from = renamed;
        if (r.to === input.code) r.to = renamed;
        if (r.through === input.code) r.through = renamed;
      }
    }
  });
}

export function deleteEntity(ctx: AuthedContext, input: Base & { code: string }) {
  return updateDraft(ctx, { ...input, operation: 'entity.delete', entity: input.code }, (doc) => {
    entityOf(doc, input.project, input.code);
    doc.entities = doc.entities.filter((e) => e.code !== input.code);
    doc.relations = doc.relations.filter(
      (r) => r.from !== input.code && r.to !== input.code && r.through !== input.code,
    );
  });
}

export function createField(
  ctx: AuthedContext,
  input: Base & { entity: string; field: FieldInput },
) {
  return updateDraft(ctx, { ...input, operation: 'field.create', entity: input.entity }, (doc) => {
    const entity = entityOf(doc, input.project, input.entity);
    if (entity.fields.some((f) => f.code === input.field.code))
      throw new AppError(
        'CONFLICT',
        `Field '${input.field.code}' already exists in '${input.entity}'`,
        { fieldErrors: { code: 'This code is already in use' } },
      );
    entity.fields.push(input.field as Entity['fields'][number]);
  });
}

export function updateField(
  ctx: AuthedContext,
  input: Base & { entity: string; code: string; field: FieldInput },
) {
  return updateDraft(ctx, { ...input, operation: 'field.update', entity: input.entity }, (doc) => {
    const entity = entityOf(doc, input.project, input.entity);
    const index = entity.fields.findIndex((f) => f.code === input.code);
    if (index === -1)
      throw new AppError('NOT_FOUND', `No field '${input.code}' in '${input.entity}'`);
    entity.fields[index] = {
      ...(input.field as Entity['fields'][number]),
      id: entity.fields[index]!.id,
    };
  });
}

export function deleteField(ctx: AuthedContext, input: Base & { entity: string; code: string }) {
  return updateDraft(ctx, { ...input, operation: 'field.delete', entity: input.entity }, (doc) => {
    const entity = entityOf(doc, input.project, input.entity);
    if (!entity.fields.some((f) => f.code === input.code))
      throw new AppError('NOT_FOUND', `No field '${input.code}' in '${input.entity}'`);
    entity.fields = entity.fields.filter((f) => f.code !== input.code);
  });
}

export function createRelation(
  ctx: AuthedContext,
  input: Base & { relation: Omit<Relation, 'id'> },
) {
  return updateDraft(
    ctx,
    { ...input, operation: 'relation.create', entity: input.relation.from },
    (doc) => {
      if (doc.relations.some((r) => r.code === input.relation.code))
        throw new AppError('CONFLICT', `Relation '${input.relation.code}' already exists`, {
          fieldErrors: { code: 'This code is already in use' },
        });
      doc.relations.push(input.relation);
    },
  );
}

export function updateRelation(
  ctx: AuthedContext,
  input: Base & { code: string; relation: Omit<Relation, 'id'> },
) {
  return updateDraft(
    ctx,
    { ...input, operation: 'relation.update', entity: input.relation.from },
    (doc) => {
      const index = doc.relations.findIndex((r) => r.code === input.code);
      if (index === -1)
        throw new AppError('NOT_FOUND', `No relation '${input.code}' in '${input.project}'`);
      doc.relations[index] = { ...input.relation, id: doc.relations[index]!.id };
    },
  );
}

export function deleteRelation(ctx: AuthedContext, input: Base & { code: string }) {
  return updateDraft(ctx, { ...input, operation: 'relation.delete' }, (doc) => {
    if (!doc.relations.some((r) => r.code === input.code))
      throw new AppError('NOT_FOUND', `No relation '${input.code}' in '${input.project}'`);
    doc.relations = doc.relations.filter((r) => r.code !== input.code);
  });
}
