/** Ejection: preview what a target produces for a published model, or run it with progress. */
import { CODEGEN_TARGETS } from '@tessera/codegen/targets';
import { z } from 'zod';

import { ejectionEvents, previewEjection } from '../services/codegen';
import { createTRPCRouter, permissionProcedure } from '../trpc';

const ZEjection = z.object({
  project: z.string().min(1).max(40),
  target: z.enum(CODEGEN_TARGETS).default('nestjs-prisma'),
  /** amis-pages: the ejected service's URL, which the pages call. */
  serviceUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional(),
});

export const codegenRouter = createTRPCRouter({
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
});
