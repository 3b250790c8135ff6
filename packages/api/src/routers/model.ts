/** Draft edits: entities, fields and relations. Each returns the new draft and its revision. */
import { ZEntity, ZField, ZOpBatch, ZRelation } from '@tessera/meta';
import { z } from 'zod';

import { announcePresence, draftEvents } from '../services/schema/draft-events';
import * as model from '../services/schema/model';
import { applyModelOps } from '../services/schema/operations';
import { createTRPCRouter, permissionProcedure } from '../trpc';

const base = {
  project: z.string().min(1).max(40),
  baseRevision: z.number().int().positive().optional(),
};
const ZEntityInput = ZEntity.omit({ id: true, fields: true, renamedFrom: true }).extend({
  fields: z.array(ZField).max(500).optional(),
});
const ZRelationInput = ZRelation.omit({ id: true, renamedFrom: true });

const ZClientId = z.string().regex(/^[\w-]{8,64}$/);

export const modelRouter = createTRPCRouter({
  /**
   * One edit as model operations, made on `baseRevision`: merged onto the current draft when
   * nothing it writes changed since, else CONFLICT with the current state of what collided.
   * Each operation needs its own permission (entity:create, entity:delete, else entity:update).
   */
  edit: permissionProcedure('entity:read')
    .input(
      z.object({
        ...base,
        clientId: ZClientId.optional(),
        ops: ZOpBatch,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { revision, changeId } = await applyModelOps(ctx, input);
      return { revision, changeId };
    }),
  /** The draft's changes as they are saved, and who else is here (Server-Sent Events). */
  events: permissionProcedure('entity:read')
    .input(
      z.object({
        project: base.project,
        clientId: ZClientId.optional(),
        lastEventId: z.string().max(40).nullish(),
      }),
    )
    .subscription(({ ctx, input, signal }) => draftEvents(ctx, input, signal)),
  /** Tells the others who is here and what they have selected. */
  presence: permissionProcedure('entity:read')
    .input(
      z.object({
        project: base.project,
        clientId: ZClientId,
        selection: z.array(z.string().max(80)).max(50),
        leaving: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => announcePresence(ctx, input)),
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
