import { z } from 'zod';

import {
  checkPage,
  entityPageSchema,
  pageSource,
  resetPage,
  restorePage,
  savePage,
} from '../services/pages';
import { createTRPCRouter, permissionProcedure, protectedProcedure } from '../trpc';

const ZPage = z.object({
  project: z.string().min(1).max(40),
  entity: z.string().min(1).max(40),
});
/** amis JSON as edited: an object, at most 1 MB once serialised. */
const ZSchema = z
  .record(z.string(), z.unknown())
  .refine((v) => JSON.stringify(v).length <= 1_000_000, 'The page is larger than 1 MB');

export const pageRouter = createTRPCRouter({
  /** The amis page of a published entity for the caller; its data permissions decide. */
  entity: protectedProcedure.input(ZPage).query(({ ctx, input }) => entityPageSchema(ctx, input)),
  /** The page editor's view: generated page, edited page, conflicts and versions. */
  source: permissionProcedure('page:update')
    .input(ZPage)
    .query(({ ctx, input }) => pageSource(ctx, input)),
  /** Checks amis JSON against amis's schema without saving it. */
  /** Checks an edited page (amis's schema, and what a page may contain) without saving it. */
  check: permissionProcedure('page:update')
    .input(ZPage.extend({ schema: ZSchema }))
    .mutation(({ ctx, input }) => checkPage(ctx, input)),
  save: permissionProcedure('page:update')
    .input(ZPage.extend({ schema: ZSchema, note: z.string().trim().max(200).nullable() }))
    .mutation(({ ctx, input }) => savePage(ctx, input)),
  restore: permissionProcedure('page:update')
    .input(ZPage.extend({ version: z.number().int().min(1) }))
    .mutation(({ ctx, input }) => restorePage(ctx, input)),
  reset: permissionProcedure('page:update')
    .input(ZPage)
    .mutation(({ ctx, input }) => resetPage(ctx, input)),
});
