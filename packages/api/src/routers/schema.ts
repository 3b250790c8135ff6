/** Plan, publish, versions, diff, rollback, export and import of a project's model. */
import { z } from 'zod';

import { planProject, publishEvents, publishProject } from '../services/schema/publishing';
import {
  diffVersions,
  exportProject,
  importProject,
  listVersions,
  rollbackProject,
} from '../services/schema/versions';
import { listTrash, restoreTrash } from '../services/schema/trash';
import { projectTypes } from '../services/schema/types';
import { createTRPCRouter, permissionProcedure, protectedProcedure } from '../trpc';

const ZProject = z.string().min(1).max(40);
const ZVersionRef = z.union([z.number().int().positive(), z.literal('draft')]);

export const schemaRouter = createTRPCRouter({
  plan: permissionProcedure('entity:read')
    .input(z.object({ project: ZProject }))
    .query(({ ctx, input }) => planProject(ctx, input.project)),
  publish: permissionProcedure('entity:publish')
    .input(
      z.object({ project: ZProject, confirm: z.array(z.string().max(64)).max(1000).default([]) }),
    )
    .mutation(({ ctx, input }) => publishProject(ctx, input)),
  /** Publish, streaming a progress event per step, then the result (Server-Sent Events). */
  publishWithProgress: permissionProcedure('entity:publish')
    .input(
      z.object({ project: ZProject, confirm: z.array(z.string().max(64)).max(1000).default([]) }),
    )
    .subscription(({ ctx, input }) => publishEvents(ctx, input)),
  versions: permissionProcedure('entity:read')
    .input(z.object({ project: ZProject }))
    .query(({ ctx, input }) => listVersions(ctx, input.project)),
  diff: permissionProcedure('entity:read')
    .input(z.object({ project: ZProject, from: ZVersionRef, to: ZVersionRef }))
    .query(({ ctx, input }) => diffVersions(ctx, input)),
  rollback: permissionProcedure('entity:publish')
    .input(z.object({ project: ZProject, toVersion: z.number().int().positive() }))
    .mutation(({ ctx, input }) => rollbackProject(ctx, input)),
  export: permissionProcedure('entity:read')
    .input(
      z.object({
        project: ZProject,
        format: z.enum(['yaml', 'json']).default('yaml'),
        version: z.number().int().positive().optional(),
      }),
    )
    .query(({ ctx, input }) => exportProject(ctx, input)),
  trash: permissionProcedure('entity:read')
    .input(z.object({ project: ZProject }))
    .query(({ ctx, input }) => listTrash(ctx, input.project)),
  restore: permissionProcedure('entity:publish')
    .input(z.object({ project: ZProject, id: z.uuid() }))
    .mutation(({ ctx, input }) => restoreTrash(ctx, input)),
  /** TypeScript for the published model, as the caller's data permissions allow (unformatted). */
  types: protectedProcedure
    .input(z.object({ project: ZProject }))
    .query(({ ctx, input }) => projectTypes(ctx, input.project)),
  import: permissionProcedure('entity:update')
    .input(z.object({ project: ZProject, document: z.string().max(5 * 1024 * 1024) }))
    .mutation(({ ctx, input }) => importProject(ctx, input)),
});
