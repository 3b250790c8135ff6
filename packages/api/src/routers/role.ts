import { z } from 'zod';

import { createRole, deleteRole, listPermissions, listRoles, updateRole } from '../services/roles';
import { createTRPCRouter, permissionProcedure } from '../trpc';
import { ZCode, ZId, ZPermissionKey } from './schemas';

export const ZCreateRoleRequestSchema = z.object({
  code: ZCode,
  name: z.string().trim().min(1).max(100),
  description: z.string().max(500).default(''),
  permissions: z.array(ZPermissionKey).max(500),
});
export const ZUpdateRoleRequestSchema = z.object({
  id: ZId,
  name: z.string().trim().min(1).max(100).optional(),
  description: z.string().max(500).optional(),
  permissions: z.array(ZPermissionKey).max(500).optional(),
});

export const roleRouter = createTRPCRouter({
  list: permissionProcedure('role:read').query(({ ctx }) => listRoles(ctx)),
  permissions: permissionProcedure('role:read').query(({ ctx }) => listPermissions(ctx)),
  create: permissionProcedure('role:create')
    .input(ZCreateRoleRequestSchema)
    .mutation(({ ctx, input }) => createRole(ctx, input)),
  update: permissionProcedure('role:update')
    .input(ZUpdateRoleRequestSchema)
    .mutation(({ ctx, input }) => updateRole(ctx, input)),
  delete: permissionProcedure('role:delete')
    .input(z.object({ id: ZId }))
    .mutation(async ({ ctx, input }) => {
      await deleteRole(ctx, input.id);
      return { ok: true };
    }),
});
