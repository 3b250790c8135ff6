/**
 * The console's form edits (entities, fields and relations named by code, whole definitions
 * sent back) as model operations: each form becomes the operations of what it changed, against
 * the draft it was opened on, so it merges with other modelers' edits as the designer's do.
 */
import { AppError } from '@tessera/errors';
import type { Entity, FieldInput, ModelDocument, ModelOp, Relation } from '@tessera/meta';

import type { AuthedContext } from '../types';
import { storedDocument } from './documents';
import { applyModelOps } from './operations';
import { findProject } from './projects';

type Base = { project: string; baseRevision?: number };

const newId = () => crypto.randomUUID();

function entityOf(doc: ModelDocument, project: string, code: string): Entity & { id: string } {
  const entity = doc.entities.find((e) => e.code === code);
  if (!entity?.id) throw new AppError('NOT_FOUND', `No entity '${code}' in project '${project}'`);
  return entity as Entity & { id: string };
}

function relationOf(doc: ModelDocument, project: string, code: string) {
  const relation = doc.relations.find((r) => r.code === code);
  if (!relation?.id)
    throw new AppError('NOT_FOUND', `No relation '${code}' in project '${project}'`);
  return relation as Relation & { id: string };
}

/** The draft the form was opened on (its revision's document), else the current one. */
async function draftAt(ctx: AuthedContext, input: Base) {
  const project = await findProject(ctx, input.project);
  if (input.baseRevision === undefined || input.baseRevision === project.draftRevision)
    return { project, base: project.draft };
  const change = await ctx.db.metaChange.findFirst({
    where: {
      projectId: project.id,
      revision: input.baseRevision,
      operation: { notIn: ['layout', 'publish'] },
    },
    orderBy: { id: 'desc' },
    select: { payload: true },
  });
  return { project, base: change ? await storedDocument(ctx, change.payload) : project.draft };
}

/** The properties `after` sets differently from `before` (null: removed), ids aside. */
function changedProperties(before: object, after: object, skip: readonly string[] = []) {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const changes: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (key === 'id' || key === 'renamedFrom' || skip.includes(key)) continue;
    if (JSON.stringify(b[key]) !== JSON.stringify(a[key])) changes[key] = a[key] ?? null;
  }
  return changes;
}

const takenCode = (error: unknown) => {
  if (
    error instanceof AppError &&
    error.code === 'CONFLICT' &&
    /already in the model/.test(error.message)
  )
    return new AppError('CONFLICT', error.message, {
      fieldErrors: { code: 'This code is already in use' },
    });
  return error;
};

async function apply(
  ctx: AuthedContext,
  input: Base & { entity?: string },
  ops: ModelOp[],
  operation: string,
) {
  if (!ops.length) {
    const project = await findProject(ctx, input.project);
    return { revision: project.draftRevision, draft: project.draft };
  }
  try {
    const saved = await applyModelOps(ctx, { ...input, ops, operation });
    return { revision: saved.revision, draft: saved.draft };
  } catch (error) {
    throw takenCode(error);
  }
}

export async function createEntity(
  ctx: AuthedContext,
  input: Base & { entity: Omit<Entity, 'id' | 'fields'> & { fields?: FieldInput[] } },
) {
  const { position, renamedFrom: _r, ...entity } = input.entity;
  const op: ModelOp = {
    op: 'entity.create',
    entity: {
      ...entity,
      id: newId(),
      fields: (input.entity.fields ?? []).map((f) => ({ ...f, id: newId() })) as never,
    },
    ...(position ? { position } : {}),
  };
  return apply(ctx, { ...input, entity: entity.code }, [op], 'entity.create');
}

export async function updateEntity(
  ctx: AuthedContext,
  input: Base & { code: string; changes: Partial<Omit<Entity, 'id' | 'fields'>> },
) {
  const { project } = await draftAt(ctx, input);
  const entity = entityOf(project.draft, input.project, input.code);
  const { position, renamedFrom: _r, ...changes } = input.changes;
  const ops: ModelOp[] = [];
  const props = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  if (Object.keys(props).length) ops.push({ op: 'entity.update', id: entity.id, changes: props });
  if (position) ops.push({ op: 'layout.move', positions: { [entity.id]: position } });
  return apply(ctx, { ...input, entity: input.code }, ops, 'entity.update');
}

export async function deleteEntity(ctx: AuthedContext, input: Base & { code: string }) {
  const project = await findProject(ctx, input.project);
  const entity = entityOf(project.draft, input.project, input.code);
  return apply(
    ctx,
    { ...input, entity: input.code },
    [{ op: 'entity.delete', id: entity.id }],
    'entity.delete',
  );
}

export async function createField(
  ctx: AuthedContext,
  input: Base & { entity: string; field: FieldInput },
) {
  const project = await findProject(ctx, input.project);
  const entity = entityOf(project.draft, input.project, input.entity);
  if (entity.fields.some((f) => f.code === input.field.code))
    throw new AppError(
      'CONFLICT',
      `Field '${input.field.code}' already exists in '${input.entity}'`,
      {
        fieldErrors: { code: 'This code is already in use' },
      },
    );
  const { renamedFrom: _r, ...field } = input.field;
  return apply(
    ctx,
    input,
    [{ op: 'field.create', entity: entity.id, field: { ...field, id: newId() } as never }],
    'field.create',
  );
}

export async function updateField(
  ctx: AuthedContext,
  input: Base & { entity: string; code: string; field: FieldInput },
) {
  const { project, base } = await draftAt(ctx, input);
  const entity = entityOf(project.draft, input.project, input.entity);
  const current = entity.fields.find((f) => f.code === input.code);
  if (!current?.id)
    throw new AppError('NOT_FOUND', `No field '${input.code}' in '${input.entity}'`);
  const before =
    base.entities.find((e) => e.id === entity.id)?.fields.find((f) => f.id === current.id) ??
    current;
  const changes = changedProperties(before, input.field, ['order']);
  return apply(
    ctx,
    input,
    Object.keys(changes).length
      ? [{ op: 'field.update', entity: entity.id, id: current.id, changes: changes }]
      : [],
    'field.update',
  );
}

export async function deleteField(
  ctx: AuthedContext,
  input: Base & { entity: string; code: string },
) {
  const project = await findProject(ctx, input.project);
  const entity = entityOf(project.draft, input.project, input.entity);
  const field = entity.fields.find((f) => f.code === input.code);
  if (!field?.id) throw new AppError('NOT_FOUND', `No field '${input.code}' in '${input.entity}'`);
  return apply(
    ctx,
    input,
    [{ op: 'field.delete', entity: entity.id, id: field.id }],
    'field.delete',
  );
}

/** A relation's ends as an operation names them: entity ids. */
function ends(
  doc: ModelDocument,
  code: string,
  relation: Pick<Relation, 'from' | 'to' | 'through'>,
) {
  const idOf = (end: 'from' | 'to' | 'through', entity: string) => {
    const id = doc.entities.find((e) => e.code === entity)?.id;
    if (!id)
      throw new AppError('VALIDATION', `Relation '${code}': no entity '${entity}'`, {
        fieldErrors: { [end]: `No entity '${entity}'` },
      });
    return id;
  };
  return {
    from: idOf('from', relation.from),
    to: idOf('to', relation.to),
    ...(relation.through ? { through: idOf('through', relation.through) } : {}),
  };
}

export async function createRelation(
  ctx: AuthedContext,
  input: Base & { relation: Omit<Relation, 'id'> },
) {
  const project = await findProject(ctx, input.project);
  if (project.draft.relations.some((r) => r.code === input.relation.code))
    throw new AppError('CONFLICT', `Relation '${input.relation.code}' already exists`, {
      fieldErrors: { code: 'This code is already in use' },
    });
  const { from, to, through, renamedFrom: _r, ...body } = input.relation;
  return apply(
    ctx,
    { ...input, entity: from },
    [
      {
        op: 'relation.create',
        relation: { ...body, id: newId() },
        ...ends(project.draft, input.relation.code, { from, to, through }),
      },
    ],
    'relation.create',
  );
}

export async function updateRelation(
  ctx: AuthedContext,
  input: Base & { code: string; relation: Omit<Relation, 'id'> },
) {
  const { project, base } = await draftAt(ctx, input);
  const current = relationOf(project.draft, input.project, input.code);
  const before = base.relations.find((r) => r.id === current.id) ?? current;
  const changes: Record<string, unknown> = changedProperties(before, input.relation);
  // The ends are entity ids in an operation.
  const ids: Record<string, string | undefined> = ends(
    project.draft,
    input.relation.code,
    input.relation,
  );
  for (const end of ['from', 'to', 'through'] as const)
    if (typeof changes[end] === 'string') changes[end] = ids[end];
  return apply(
    ctx,
    { ...input, entity: input.relation.from },
    Object.keys(changes).length
      ? [{ op: 'relation.update', id: current.id, changes: changes }]
      : [],
    'relation.update',
  );
}

export async function deleteRelation(ctx: AuthedContext, input: Base & { code: string }) {
  const project = await findProject(ctx, input.project);
  const relation = relationOf(project.draft, input.project, input.code);
  return apply(ctx, input, [{ op: 'relation.delete', id: relation.id }], 'relation.delete');
}
