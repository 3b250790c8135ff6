import { z } from 'zod';

import { listAudit } from '../services/audit';
import { createTRPCRouter, permissionProcedure } from '../trpc';

export const ZListAuditRequestSchema = z.object({
  actor: z.string().trim().max(254).optional(),
  action: z.string().trim().max(100).optional(),
  resource: z.string().trim().max(100).optional(),
  resourceId: z.string().trim().max(100).optional(),
  requestId: z.string().trim().max(100).optional(),
  /** Platform changes (users, roles, models...) or data changes (rows, through the runtime). */
  kind: z.enum(['platform', 'data']).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
  cursor: z.string().regex(/^\d+$/).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const auditRouter = createTRPCRouter({
  list: permissionProcedure('audit:read')
    .input(ZListAuditRequestSchema)
    .query(({ ctx, input }) => listAudit(ctx, input)),
});
