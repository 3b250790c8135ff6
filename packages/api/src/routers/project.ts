import { codeProblem } from '@tessera/meta';
import { z } from 'zod';

import { createProject, getProject, listProjects } from '../services/schema/projects';
import { createTRPCRouter, permissionProcedure } from '../trpc';

const ZProjectCode = z.string().min(1).max(40);
export const ZCreateProjectRequestSchema = z.object({
  code: z.string().superRefine((code, c) => {
    const problem = codeProblem('project', code);
    if (problem) c.addIssue({ code: 'custom', message: problem });
  }),
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2000).default(''),
});

export const projectRouter = createTRPCRouter({
  list: permissionProcedure('entity:read').query(({ ctx }) => listProjects(ctx)),
  get: permissionProcedure('entity:read')
    .input(z.object({ code: ZProjectCode }))
    .query(({ ctx, input }) => getProject(ctx, input.code)),
  create: permissionProcedure('project:create')
    .input(ZCreateProjectRequestSchema)
    .mutation(({ ctx, input }) => createProject(ctx, input)),
});
