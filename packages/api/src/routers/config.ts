import { z } from 'zod';

import { deleteConfig, listConfig, setConfig } from '../services/config';
import { createTRPCRouter, permissionProcedure } from '../trpc';

const ZKey = z.string().regex(/^[a-zA-Z][\w.-]{0,99}$/, 'Keys use letters, digits, _ . -');
export const ZSetConfigRequestSchema = z.object({
  key: ZKey,
  type: z.enum(['string', 'number', 'boolean', 'json']).optional(),
  value: z.json(),
  description: z.string().max(500).optional(),
});

export const configRouter = createTRPCRouter({
  list: permissionProcedure('config:read').query(({ ctx }) => listConfig(ctx)),
  set: permissionProcedure('config:update')
    .input(ZSetConfigRequestSchema)
    .mutation(({ ctx, input }) => setConfig(ctx, input)),
  delete: permissionProcedure('config:update')
    .input(z.object({ key: ZKey }))
    .mutation(async ({ ctx, input }) => {
      await deleteConfig(ctx, input.key);
      return { ok: true };
    }),
});
