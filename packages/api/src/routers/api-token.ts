import { z } from 'zod';

import { createToken, listApiTokens, revokeToken } from '../services/api-tokens';
import { createTRPCRouter, permissionProcedure } from '../trpc';
import { ZPermissionKey } from './schemas';

export const ZCreateApiTokenRequestSchema = z.object({
  name: z.string().trim().min(1, 'Name the token').max(100),
  scopes: z.array(ZPermissionKey).min(1, 'Choose at least one permission').max(200),
  expiresAt: z.date().nullable(),
});

export const apiTokenRouter = createTRPCRouter({
  list: permissionProcedure('api-token:read')
    .input(z.object({ all: z.boolean().default(false) }))
    .query(({ ctx, input }) => listApiTokens(ctx, input)),
  create: permissionProcedure('api-token:create')
    .input(ZCreateApiTokenRequestSchema)
    .mutation(({ ctx, input }) => createToken(ctx, input)),
  revoke: permissionProcedure('api-token:revoke')
    .input(z.object({ id: z.string().max(64) }))
    .mutation(async ({ ctx, input }) => {
      await revokeToken(ctx, input.id);
      return { ok: true };
    }),
});
