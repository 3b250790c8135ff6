/**
 * Data permissions: per role × entity × action, with an optional row filter (the runtime's
 * filter language, `$CURRENT_USER` allowed) and an optional field list. A change is announced
 * on the metadata channel in the same transaction, so every runtime applies it at once.
 */
import { Prisma } from '@tessera/db';
import { AppError } from '@tessera/errors';
import type { Entity, ModelDocument } from '@tessera/meta';
import {
  compileFilter,
  type DataAction,
  METADATA_CHANNEL,
  permissionFields,
  resolveVariables,
} from '@tessera/runtime-core';

import { writeAudit } from '../audit/write-audit';
import { findProject } from './schema/projects';
import type { AuthedContext } from './types';

const select = {
  id: true,
  entity: true,
  action: true,
  rowFilter: true,
  fields: true,
  updatedAt: true,
  role: { select: { id: true, code: true, name: true } },
} as const;

export async function listDataPermissions(
  ctx: AuthedContext,
  input: { project: string; roleId?: string },
) {
  const project = await findProject(ctx, input.project);
  const rows = await ctx.db.dataPermission.findMany({
    where: { projectId: project.id, ...(input.roleId ? { roleId: input.roleId } : {}) },
    select,
    orderBy: [{ entity: 'asc' }, { action: 'asc' }],
  });
  return {
    /** Each entity of the draft with the fields a permission may list. */
    entities: project.draft.entities.map((e) => ({
      code: e.code,
      name: e.name ?? e.code,
      fields: permissionFields(project.draft, e),
    })),
    permissions: rows.map((r) => ({
      ...r,
      fields: (r.fields as string[] | null) ?? null,
      rowFilter: r.rowFilter ?? null,
    })),
  };
}

function checkRule(
  doc: ModelDocument,
  entity: Entity,
  input: { rowFilter: unknown; fields: string[] | null; action: DataAction },
) {
  if (input.action === 'delete' && input.fields)
    throw new AppError('VALIDATION', 'A delete permission has no field list', {
      fieldErrors: { fields: 'Leave empty for delete' },
    });
  const known = permissionFields(doc, entity);
  const unknown = input.fields?.find((f) => !known.includes(f));
  if (unknown !== undefined)
    throw new AppError('VALIDATION', `${entity.code} has no field '${unknown}'`, {
      fieldErrors: { fields: `No field '${unknown}'` },
    });
  if (input.rowFilter === null) return;
  try {
    compileFilter({
      doc,
      entity,
      alias: 'e',
      filter: resolveVariables(input.rowFilter, {
        userId: '00000000-0000-0000-0000-000000000000',
      }),
      offset: 0,
    });
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'BAD_REQUEST')) throw error;
    throw new AppError('VALIDATION', `Row filter: ${error.message}`, {
      fieldErrors: { rowFilter: error.message },
    });
  }
}

export async function setDataPermission(
  ctx: AuthedContext,
  input: {
    project: string;
    roleId: string;
    entity: string;
    action: DataAction;
    rowFilter: unknown;
    fields: string[] | null;
  },
) {
  const project = await findProject(ctx, input.project);
  const entity = project.draft.entities.find((e) => e.code === input.entity);
  if (!entity)
    throw new AppError('NOT_FOUND', `No entity '${input.entity}' in project '${input.project}'`);
  const role = await ctx.db.role.findUnique({
    where: { id: input.roleId },
    select: { id: true, code: true },
  });
  if (!role) throw new AppError('NOT_FOUND', `No role '${input.roleId}'`);
  checkRule(project.draft, entity, input);
  const data = {
    rowFilter: input.rowFilter === null ? undefined : (input.rowFilter as object),
    fields: input.fields === null ? undefined : input.fields,
  };
  const saved = await ctx.db.$transaction(async (tx) => {
    const key = {
      roleId: role.id,
      projectId: project.id,
      entity: input.entity,
      action: input.action,
    };
    const before = await tx.dataPermission.findUnique({
      where: { roleId_projectId_entity_action: key },
      select,
    });
    const row = await tx.dataPermission.upsert({
      where: { roleId_projectId_entity_action: key },
      create: { ...key, ...data },
      // A JSON column is cleared to SQL NULL only when asked for explicitly.
      update: {
        rowFilter: data.rowFilter ?? Prisma.DbNull,
        fields: data.fields ?? Prisma.DbNull,
      },
      select,
    });
    await tx.$executeRaw`SELECT pg_notify(${METADATA_CHANNEL}, ${JSON.stringify({ project: project.code, permissions: true })})`;
    await writeAudit(tx, ctx, {
      action: 'data_permission.set',
      resource: 'data_permission',
      resourceId: row.id,
      before: before ?? undefined,
      after: {
        role: role.code,
        entity: input.entity,
        action: input.action,
        rowFilter: input.rowFilter,
        fields: input.fields,
      },
    });
    return row;
  });
  return saved;
}

export async function removeDataPermission(ctx: AuthedContext, id: string) {
  await ctx.db.$transaction(async (tx) => {
    const row = await tx.dataPermission.findUnique({
      where: { id },
      select: { ...select, project: { select: { code: true } } },
    });
    if (!row) throw new AppError('NOT_FOUND', `No data permission '${id}'`);
    await tx.dataPermission.delete({ where: { id } });
    await tx.$executeRaw`SELECT pg_notify(${METADATA_CHANNEL}, ${JSON.stringify({ project: row.project.code, permissions: true })})`;
    await writeAudit(tx, ctx, {
      action: 'data_permission.remove',
      resource: 'data_permission',
      resourceId: id,
      before: row,
    });
  });
}
