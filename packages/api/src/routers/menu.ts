import { z } from 'zod';

import { createMenu, deleteMenu, menuTree, myMenus, updateMenu } from '../services/menus';
import { createTRPCRouter, permissionProcedure, protectedProcedure } from '../trpc';
import { ZCode, ZId, ZPermissionKey } from './schemas';

const ZMenuFields = z.object({
  code: ZCode,
  parentId: ZId.nullable().default(null),
  type: z.enum(['directory', 'page', 'entity_page']),
  title: z.string().trim().min(1, 'Enter a title').max(100),
  icon: z.string().max(50).nullable().default(null),
  path: z
    .string()
    .regex(/^\/[\w\-/.]*$/, 'Paths start with / and use letters, digits, - _ . /')
    .max(200)
    .nullable()
    .default(null),
  entity: z.string().max(100).nullable().default(null),
  permission: ZPermissionKey.nullable().default(null),
  sortOrder: z.number().int().min(-10000).max(10000).default(0),
});

export const ZCreateMenuRequestSchema = ZMenuFields;
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
