/** Appends an audit entry: who did what to which resource, before/after, and the request id. */
import type { Db, Prisma } from '@tessera/db';

import type { Context } from '../context';

export type AuditDb = Pick<Db, 'auditLog'> | Prisma.TransactionClient;

export interface AuditEntry {
  action: string;
  resource: string;
  resourceId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Overrides the actor, e.g. for a login where the context has no principal yet. */
  actor?: { id: string; email: string } | null;
}

export async function writeAudit(
  db: AuditDb,
  ctx: Pick<Context, 'principal' | 'requestId' | 'ip'>,
  entry: AuditEntry,
): Promise<void> {
  const actor = entry.actor !== undefined ? entry.actor : (ctx.principal?.user ?? null);
  await db.auditLog.create({
    data: {
      actorId: actor?.id ?? null,
      actorEmail: actor?.email ?? null,
      action: entry.action,
      resource: entry.resource,
      resourceId: entry.resourceId ?? null,
      before: toJson(entry.before),
      after: toJson(entry.after),
      requestId: ctx.requestId,
      ipAddress: ctx.ip,
    },
    select: { id: true },
  });
}

function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
