import { z } from 'zod';

import { entityPageSchema } from '../services/pages';
import { createTRPCRouter, protectedProcedure } from '../trpc';

export const pageRouter = createTRPCRouter({
  /** The amis page of a published entity for the caller; its data permissions decide. */
  entity: protectedProcedure
    .input(z.object({ project: z.string().min(1).max(40), entity: z.string().min(1).max(40) }))
    .query(({ ctx, input }) => entityPageSchema(ctx, input)),
});
