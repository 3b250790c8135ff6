/**
 * The data page of a published entity, as amis JSON generated from the model and shaped by
 * what the caller may do: no create button without create permission, no hidden fields.
 */
import { AppError } from '@tessera/errors';
import { entityPage, type PageAccess } from '@tessera/pages';
import { DATA_ACTIONS, type DataAction, entityAccess, type Grant } from '@tessera/runtime-core';

import { findProject } from './schema/projects';
import { publishedDocument } from './schema/publishing';
import type { AuthedContext } from './types';

export async function entityPageSchema(
  ctx: AuthedContext,
  input: { project: string; entity: string },
) {
  const project = await findProject(ctx, input.project);
  const doc = await publishedDocument(ctx, project.id, project.publishedVersion);
  const entity = doc?.entities.find((e) => e.code === input.entity);
  if (!doc || !entity)
    throw new AppError('NOT_FOUND', `No published entity '${input.entity}' in '${input.project}'`);
  const rows = await ctx.db.dataPermission.findMany({
    where: { projectId: project.id, role: { code: { in: [...ctx.principal.roles] } } },
    select: {
      entity: true,
      action: true,
      rowFilter: true,
      fields: true,
      role: { select: { code: true } },
    },
  });
  const grants: Grant[] = rows
    .filter((r): r is typeof r & { action: DataAction } =>
      (DATA_ACTIONS as readonly string[]).includes(r.action),
    )
    .map((r) => ({
      role: r.role.code,
      entity: r.entity,
      action: r.action,
      rowFilter: r.rowFilter ?? null,
      fields: (r.fields as string[] | null) ?? null,
    }));
  // The same decision the runtime makes, over this project's grants.
  const overview = {
    models: new Map(),
    grants: new Map([[project.code, grants]]),
    settings: new Map(),
    loadedAt: new Date(),
  };
  const caller = {
    userId: ctx.principal.user.id,
    roles: ctx.principal.roles,
    permissions: ctx.principal.permissions,
    scopes: ctx.principal.scopes,
  };
  const may = (action: DataAction) =>
    entityAccess(overview, caller, project.code, entity.code, action);
  const read = may('read');
  if (!read) throw new AppError('FORBIDDEN', `You may not read ${entity.code}`);
  const [create, update, remove] = [may('create'), may('update'), may('delete')];
  const access: PageAccess = {
    create: create !== null,
    update: update !== null,
    delete: remove !== null,
    readable: read.fields,
    writable: (create ?? update)?.fields ?? null,
  };
  return {
    title: entity.name ?? entity.code,
    version: project.publishedVersion,
    schema: entityPage(doc, entity, { runtimeUrl: ctx.services.runtimeUrl ?? '', access }),
  };
}
