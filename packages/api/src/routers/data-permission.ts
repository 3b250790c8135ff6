import { DATA_ACTIONS } from '@tessera/runtime-core';
import { z } from 'zod';

import {
  listDataPermissions,
  removeDataPermission,
  setDataPermission,
} from '../services/data-permissions';
import { createTRPCRouter, permissionProcedure } from '../trpc';
import { ZId } from './schemas';

const ZProjectCode = z.string().min(1).max(40);
const ZFilterValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.string().max(500),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(ZFilterValue).max(1000),
    z.record(z.string().max(100), ZFilterValue),
  ]),
);

export const ZSetDataPermissionRequestSchema = z.object({
  project: ZProjectCode,
  roleId: ZId,
  entity: z.string().min(1).max(40),
  action: z.enum(DATA_ACTIONS),
  /** A filter object; `$CURRENT_USER` stands for the caller's user id. Null: every row. */
  rowFilter: z.record(z.string().max(100), ZFilterValue).nullable(),
  /** Readable (read) or writable (create, update) fields; null: every field. */
  fields: z.array(z.string().min(1).max(40)).max(500).nullable(),
});

export const dataPermissionRouter = createTRPCRouter({
  list: permissionProcedure('role:read')
    .input(z.object({ project: ZProjectCode, roleId: ZId.optional() }))
    .query(({ ctx, input }) => listDataPermissions(ctx, input)),
  set: permissionProcedure('role:update')
    .input(ZSetDataPermissionRequestSchema)
    .mutation(({ ctx, input }) => setDataPermission(ctx, input)),
  remove: permissionProcedure('role:update')
    .input(z.object({ id: ZId }))
    .mutation(async ({ ctx, input }) => {
      await removeDataPermission(ctx, input.id);
      return { ok: true };
    }),
});
