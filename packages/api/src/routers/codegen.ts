/**
 * Code generation: preview what a target produces for a published model, run it with progress
 * (kept, with history and downloads), and the project's templates (versions of the built-in
 * ones, changed with `template:update`).
 */
import { CODEGEN_TARGETS } from '@tessera/codegen/targets';
import { z } from 'zod';

import { ejectionEvents, previewEjection } from '../services/codegen/ejection';
import { planGeneration } from '../services/codegen/generation';
import { generationEvents, generationProjects, listRuns } from '../services/codegen/runs';
import {
  listTemplates,
  previewTemplateFor,
  resetTemplate,
  restoreTemplate,
  saveTemplate,
  templateSource,
} from '../services/codegen/templates';
import { createTRPCRouter, permissionProcedure } from '../trpc';

const ZProject = z.string().min(1).max(40);
const ZTarget = z.enum(CODEGEN_TARGETS);
/** amis-pages: the ejected service's URL, which the pages call. */
const ZServiceUrl = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .optional();

const ZEjection = z.object({
  project: ZProject,
  target: ZTarget.default('nestjs-prisma'),
  serviceUrl: ZServiceUrl,
  /** Regenerating an earlier ejection: the version it was first ejected at (its migrations start there). */
  base: z.number().int().positive().optional(),
});

const ZGeneration = z.object({
  project: ZProject,
  targets: z
    .array(ZTarget)
    .min(1, 'Choose at least one target')
    .max(CODEGEN_TARGETS.length)
    .refine((t) => new Set(t).size === t.length, 'A target is listed twice'),
  serviceUrl: ZServiceUrl,
});

const ZTemplate = z.object({
  project: ZProject,
  target: ZTarget,
  name: z.string().min(1).max(200),
});
/** Handlebars source: at most 256 KB. */
const ZSource = z.string().max(256 * 1024, 'A template is at most 256 KB');

const templatesRouter = createTRPCRouter({
  list: permissionProcedure('codegen:run')
    .input(z.object({ project: ZProject, target: ZTarget }))
    .query(({ ctx, input }) => listTemplates(ctx, input)),
  source: permissionProcedure('codegen:run')
    .input(ZTemplate)
    .query(({ ctx, input }) => templateSource(ctx, input)),
  /** Renders a template (as edited, or as saved) for one entity, without saving anything. */
  preview: permissionProcedure('codegen:run')
    .input(
      ZTemplate.extend({
        source: ZSource.optional(),
        entity: z.string().min(1).max(40).optional(),
      }),
    )
    .mutation(({ ctx, input }) => previewTemplateFor(ctx, input)),
  save: permissionProcedure('template:update')
    .input(ZTemplate.extend({ source: ZSource, note: z.string().trim().max(200).nullable() }))
    .mutation(({ ctx, input }) => saveTemplate(ctx, input)),
  restore: permissionProcedure('template:update')
    .input(ZTemplate.extend({ version: z.number().int().min(1) }))
    .mutation(({ ctx, input }) => restoreTemplate(ctx, input)),
  reset: permissionProcedure('template:update')
    .input(ZTemplate)
    .mutation(({ ctx, input }) => resetTemplate(ctx, input)),
});

export const codegenRouter = createTRPCRouter({
  /** Projects and their published versions, for choosing what to generate. */
  projects: permissionProcedure('codegen:run').query(({ ctx }) => generationProjects(ctx)),
  /** The file tree, optionally one file's content or every file's. */
  preview: permissionProcedure('codegen:run')
    .input(
      ZEjection.extend({
        path: z.string().min(1).max(500).optional(),
        contents: z.boolean().default(false),
      }),
    )
    .query(({ ctx, input }) => previewEjection(ctx, input)),
  /** Generates, streaming a progress event per file, then the files (Server-Sent Events). */
  run: permissionProcedure('codegen:run')
    .input(ZEjection)
    .subscription(({ ctx, input }) => ejectionEvents(ctx, input)),
  /** What a generation would produce now, and how it differs from the last one. */
  plan: permissionProcedure('codegen:run')
    .input(ZGeneration)
    .query(({ ctx, input }) => planGeneration(ctx, input)),
  /** Generates and keeps the result, streaming progress, then the kept run. */
  generate: permissionProcedure('codegen:run')
    .input(ZGeneration)
    .subscription(({ ctx, input }) => generationEvents(ctx, input)),
  /** The project's generations, newest first. */
  runs: permissionProcedure('codegen:run')
    .input(z.object({ project: ZProject, limit: z.number().int().min(1).max(100).default(20) }))
    .query(({ ctx, input }) => listRuns(ctx, input)),
  templates: templatesRouter,
});
