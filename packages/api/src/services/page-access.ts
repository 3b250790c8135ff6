/**
 * What the caller may do with an entity's data, as its data page needs it: the decision the
 * runtime makes (`entityAccess` over the caller's grants), for create, update, delete, readable
 * and writable fields, and the readable fields of the other entities (for related rows' labels).
 */
import { AppError } from '@tessera/errors';
import type { Entity, ModelDocument } from '@tessera/meta';
import type { PageAccess } from '@tessera/pages';
import {
  type Caller,
  DATA_ACTIONS,
  type DataAction,
  entityAccess,
  type Grant,
  type SchemaOverview,
} from '@tessera/runtime-core';

import type { AuthedContext } from './types';

/**
 * The caller and the project's data grants as the runtime sees them (its schema overview, with
 * the published model when given): what `entityAccess` and the runtime's generators decide on.
 */
export async function callerView(
  ctx: AuthedContext,
  project: { id: string; code: string },
  model?: { version: number; document: ModelDocument },
): Promise<{ overview: SchemaOverview; caller: Caller }> {
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
  return {
    overview: {
      models: new Map(model ? [[project.code, { project: project.code, ...model }]] : []),
      grants: new Map([[project.code, grants]]),
      settings: new Map(),
      loadedAt: new Date(),
    },
    caller: {
      userId: ctx.principal.user.id,
      roles: ctx.principal.roles,
      permissions: ctx.principal.permissions,
      scopes: ctx.principal.scopes,
    },
  };
}

/** What the caller may do with the entity's data: the decision the runtime makes. */
export async function pageAccess(
  ctx: AuthedContext,
  project: { id: string; code: string },
  doc: ModelDocument,
  entity: Entity,
): Promise<PageAccess> {
  const { overview, caller } = await callerView(ctx, project);
  const may = (action: DataAction) =>
    entityAccess(overview, caller, project.code, entity.code, action);
  const read = may('read');
  if (!read) throw new AppError('FORBIDDEN', `You may not read ${entity.code}`);
  const [create, update, remove] = [may('create'), may('update'), may('delete')];
  const related = new Map(
    doc.entities.flatMap((e) => {
      const there = entityAccess(overview, caller, project.code, e.code, 'read');
      return there ? [[e.code, there.fields] as const] : [];
    }),
  );
  return {
    related,
    create: create !== null,
    update: update !== null,
    delete: remove !== null,
    readable: read.fields,
    writable: (create ?? update)?.fields ?? null,
  };
}
