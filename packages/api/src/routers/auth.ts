import { z } from 'zod';

import { changePassword, login, logout, needsSetup, setupFirstAdmin } from '../services/auth';
import { createTRPCRouter, protectedProcedure, publicProcedure } from '../trpc';
import { emailSchema, passwordSchema } from './schemas';

export const ZLoginRequestSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email').max(254),
  password: z.string().min(1, 'Enter your password').max(1024),
});
export const ZChangePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: passwordSchema,
});
export const ZSetupRequestSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1).max(100),
  password: passwordSchema,
});

const ZMeResponseSchema = z
  .object({
    user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
    roles: z.array(z.string()),
    permissions: z.array(z.string()),
    via: z.enum(['session', 'api-token']),
  })
  .nullable();

export const authRouter = createTRPCRouter({
  login: publicProcedure.input(ZLoginRequestSchema).mutation(async ({ ctx, input }) => {
    const { user } = await login(ctx, input);
    return { user };
  }),
  logout: publicProcedure.mutation(async ({ ctx }) => {
    await logout(ctx);
    return { ok: true };
  }),
  me: publicProcedure.output(ZMeResponseSchema).query(({ ctx }) => {
    const p = ctx.principal;
    return p
      ? { user: p.user, roles: [...p.roles], permissions: [...p.permissions].sort(), via: p.via }
      : null;
  }),
  changePassword: protectedProcedure
    .input(ZChangePasswordRequestSchema)
    .mutation(async ({ ctx, input }) => {
      await changePassword(ctx, input);
      return { ok: true };
    }),
  setupStatus: publicProcedure
    .output(z.object({ needsSetup: z.boolean() }))
    .query(async ({ ctx }) => ({ needsSetup: await needsSetup(ctx) })),
  setup: publicProcedure.input(ZSetupRequestSchema).mutation(async ({ ctx, input }) => {
    const { user } = await setupFirstAdmin(ctx, input);
    return { user };
  }),
});
