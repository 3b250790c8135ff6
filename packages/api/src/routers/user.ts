import { z } from 'zod';

import {
  assignUserRoles,
  createUser,
  getUser,
  listUsers,
  resetUserPassword,
  setUserStatus,
  updateUser,
} from '../services/users';
import { createTRPCRouter, permissionProcedure } from '../trpc';
import { emailSchema, passwordSchema, ZCode, ZId, ZPage } from './schemas';

export const ZListUsersRequestSchema = ZPage.extend({
  search: z.string().trim().max(100).optional(),
  status: z.enum(['active', 'disabled']).optional(),
});
export const ZCreateUserRequestSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, 'Enter a name').max(100),
  password: passwordSchema,
  roles: z.array(ZCode).max(20),
});
export const ZUpdateUserRequestSchema = z.object({
  id: ZId,
  name: z.string().trim().min(1).max(100).optional(),
  email: emailSchema.optional(),
});

export const userRouter = createTRPCRouter({
  list: permissionProcedure('user:read')
    .input(ZListUsersRequestSchema)
    .query(({ ctx, input }) => listUsers(ctx, input)),
  get: permissionProcedure('user:read')
    .input(z.object({ id: ZId }))
    .query(({ ctx, input }) => getUser(ctx, input.id)),
  create: permissionProcedure('user:create')
    .input(ZCreateUserRequestSchema)
    .mutation(({ ctx, input }) => createUser(ctx, input)),
  update: permissionProcedure('user:update')
    .input(ZUpdateUserRequestSchema)
    .mutation(({ ctx, input }) => updateUser(ctx, input)),
  setStatus: permissionProcedure('user:disable')
    .input(z.object({ id: ZId, status: z.enum(['active', 'disabled']) }))
    .mutation(({ ctx, input }) => setUserStatus(ctx, input)),
  resetPassword: permissionProcedure('user:reset-password')
    .input(z.object({ id: ZId, password: passwordSchema }))
    .mutation(async ({ ctx, input }) => {
      await resetUserPassword(ctx, input);
      return { ok: true };
    }),
  assignRoles: permissionProcedure('user:assign-roles')
    .input(z.object({ id: ZId, roles: z.array(ZCode).max(20) }))
    .mutation(({ ctx, input }) => assignUserRoles(ctx, input)),
});
