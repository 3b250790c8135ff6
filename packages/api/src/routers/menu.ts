import { z } from 'zod';

import { createMenu, deleteMenu, menuTree, myMenus, updateMenu } from '../services/menus';
import { createTRPCRouter, permissionProcedure, protectedProcedure } from '../trpc';
import { ZCode, ZId, ZInternalPath, ZPermissionKey } from './schemas';

const ZMenuFields = z.object({
  code: ZCode,
  parentId: ZId.nullable(),
  type: z.enum(['directory', 'page', 'entity_page']),
  title: z.string().trim().min(1, 'Enter a title').max(100),
  icon: z.string().max(50).nullable(),
  path: ZInternalPath.nullable(),
  entity: z.string().max(100).nullable(),
  permission: ZPermissionKey.nullable(),
  sortOrder: z.number().int().min(-10000).max(10000),
});

export const ZCreateMenuRequestSchema = ZMenuFields.extend({
  parentId: ZMenuFields.shape.parentId.default(null),
  icon: ZMenuFields.shape.icon.default(null),
  path: ZMenuFields.shape.path.default(null),
  entity: ZMenuFields.shape.entity.default(null),
  permission: ZMenuFields.shape.permission.default(null),
  sortOrder: ZMenuFields.shape.sortOrder.default(0),
});
/** Only the fields given change (defaults would otherwise reset the others). */
export const ZUpdateMenuRequestSchema = ZMenuFields.partial().extend({ id: ZId });

export const menuRouter = createTRPCRouter({
  tree: permissionProcedure('menu:read').query(({ ctx }) => menuTree(ctx)),
  mine: protectedProcedure.query(({ ctx }) => myMenus(ctx)),
  create: permissionProcedure('menu:create')
    .input(ZCreateMenuRequestSchema)
    .mutation(({ ctx, input }) => createMenu(ctx, input)),
  update: permissionProcedure('menu:update')
    .input(ZUpdateMenuRequestSchema)
    .mutation(({ ctx, input }) => updateMenu(ctx, input)),
  delete: permissionProcedure('menu:delete')
    .input(z.object({ id: ZId }))
    .mutation(async ({ ctx, input }) => {
      await deleteMenu(ctx, input.id);
      return { ok: true };
    }),
});
