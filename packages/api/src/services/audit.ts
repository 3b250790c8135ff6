/**
 * The audit log, newest first, filtered and paged by keyset on id. Data changes (written by
 * the runtime) have actions `data.create|update|delete` on resources `project.entity`.
 */
import type { Prisma } from '@tessera/db';

import type { AuthedContext } from './types';

export interface AuditQuery {
  actor?: string;
  action?: string;
  resource?: string;
  resourceId?: string;
  requestId?: string;
  kind?: 'platform' | 'data';
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
}

export async function listAudit(ctx: AuthedContext, q: AuditQuery) {
  const where: Prisma.AuditLogWhereInput = {
    ...(q.actor ? { actorEmail: { contains: q.actor, mode: 'insensitive' } } : {}),
    ...(q.action ? { action: { startsWith: q.action } } : {}),
    ...(q.resource ? { resource: q.resource } : {}),
    ...(q.resourceId ? { resourceId: q.resourceId } : {}),
    ...(q.requestId ? { requestId: q.requestId } : {}),
    ...(q.from || q.to
      ? { at: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lte: q.to } : {}) } }
      : {}),
    ...(q.cursor ? { id: { lt: BigInt(q.cursor) } } : {}),
    ...(q.kind
      ? {
          AND: [
            q.kind === 'data'
              ? { action: { startsWith: 'data.' } }
              : { NOT: { action: { startsWith: 'data.' } } },
          ],
        }
      : {}),
  };
  const rows = await ctx.db.auditLog.findMany({
    where,
    select: {
      id: true,
      at: true,
      actorId: true,
      actorEmail: true,
      action: true,
      resource: true,
      resourceId: true,
      before: true,
      after: true,
      requestId: true,
      ipAddress: true,
    },
    orderBy: { id: 'desc' },
    take: q.limit + 1,
  });
  const items = rows.slice(0, q.limit).map((r) => ({ ...r, id: r.id.toString() }));
  return { items, nextCursor: rows.length > q.limit ? items[items.length - 1]!.id : null };
}
