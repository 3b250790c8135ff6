/** Draft edits: entities, fields and relations. Each returns the new draft and its revision. */
import { ZEntity, ZField, ZRelation } from '@tessera/meta';
import { z } from 'zod';

import * as model from '../services/schema/model';
import { createTRPCRouter, permissionProcedure } from '../trpc';

const base = {
  project: z.string().min(1).max(40),
  baseRevision: z.number().int().positive().optional(),
};
const ZEntityInput = ZEntity.omit({ id: true, fields: true, renamedFrom: true }).extend({
  fields: z.array(ZField).max(500).optional(),
});
const ZRelationInput = ZRelation.omit({ id: true, renamedFrom: true });

export const modelRouter = createTRPCRouter({
  createEntity: permissionProcedure('entity:create')
    .input(z.object({ ...base, entity: ZEntityInput }))
    .mutation(({ ctx, input }) => model.createEntity(ctx, input)),
  updateEntity: permissionProcedure('entity:update')
    .input(
      z.object({
        ...base,
        code: z.string(),
        changes: ZEntityInput.omit({ fields: true }).partial(),
      }),
    )
    .mutation(({ ctx, input }) => model.updateEntity(ctx, input)),
  deleteEntity: permissionProcedure('entity:delete')
    .input(z.object({ ...base, code: z.string() }))
    .mutation(({ ctx, input }) => model.deleteEntity(ctx, input)),
  createField: permissionProcedure('entity:update')
    .input(z.object({ ...base, entity: z.string(), field: ZField }))
    .mutation(({ ctx, input }) => model.createField(ctx, input)),
  updateField: permissionProcedure('entity:update')
    .input(z.object({ ...base, entity: z.string(), code: z.string(), field: ZField }))
    .mutation(({ ctx, input }) => model.updateField(ctx, input)),
  deleteField: permissionProcedure('entity:update')
    .input(z.object({ ...base, entity: z.string(), code: z.string() }))
    .mutation(({ ctx, input }) => model.deleteField(ctx, input)),
  createRelation: permissionProcedure('entity:update')
    .input(z.object({ ...base, relation: ZRelationInput }))
    .mutation(({ ctx, input }) => model.createRelation(ctx, input)),
  updateRelation: permissionProcedure('entity:update')
    .input(z.object({ ...base, code: z.string(), relation: ZRelationInput }))
    .mutation(({ ctx, input }) => model.updateRelation(ctx, input)),
  deleteRelation: permissionProcedure('entity:update')
    .input(z.object({ ...base, code: z.string() }))
    .mutation(({ ctx, input }) => model.deleteRelation(ctx, input)),
});
