/**
 * API tokens. Everyone manages their own; `api-token:manage` sees and revokes everyone's.
 * A token cannot be scoped beyond what its creator holds.
 */
import { announceAuthChange, createApiToken } from '@tessera/auth';
import { type Prisma } from '@tessera/db';
import { AppError } from '@tessera/errors';

import { writeAudit } from '../audit/write-audit';
import type { AuthedContext } from './types';

const tokenSelect = {
  id: true,
  name: true,
  scopes: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdAt: true,
  user: { select: { id: true, email: true } },
} satisfies Prisma.ApiTokenSelect;

export async function listApiTokens(ctx: AuthedContext, input: { all: boolean }) {
  if (input.all && !ctx.principal.permissions.has('api-token:manage'))
    throw new AppError('FORBIDDEN', 'Missing permission api-token:manage');
  return ctx.db.apiToken.findMany({
    where: input.all ? {} : { userId: ctx.principal.user.id },
    select: tokenSelect,
    orderBy: { createdAt: 'desc' },
  });
}

export async function createToken(
  ctx: AuthedContext,
  input: { name: string; scopes: string[]; expiresAt: Date | null },
) {
  // Data scopes may be asked for freely: a token reaches data only where the owner's roles
  // grant it (whole or per entity), so they can only narrow.
  const beyond = input.scopes.filter(
    (s) => !ctx.principal.permissions.has(s) && !s.startsWith('data:'),
  );
  if (beyond.length)
    throw new AppError('VALIDATION', `You do not hold ${beyond.join(', ')}`, {
      fieldErrors: { scopes: `You do not hold ${beyond[0]}` },
    });
  if (input.expiresAt && input.expiresAt.getTime() <= ctx.services.clock().getTime()) {
    throw new AppError('VALIDATION', 'The expiry must be in the future', {
      fieldErrors: { expiresAt: 'Must be in the future' },
    });
  }
  const { token, id } = await createApiToken(ctx.db, { userId: ctx.principal.user.id, ...input });
  await writeAudit(ctx.db, ctx, {
    action: 'api_token.create',
    resource: 'api_token',
    resourceId: id,
    after: { name: input.name, scopes: input.scopes, expiresAt: input.expiresAt },
  });
  // The secret is shown once and never stored.
  return { id, token };
}

export async function revokeToken(ctx: AuthedContext, id: string) {
  const row = await ctx.db.apiToken.findUnique({
    where: { id },
    select: { id: true, userId: true, revokedAt: true, name: true },
  });
  const mayManage = ctx.principal.permissions.has('api-token:manage');
  if (!row || (row.userId !== ctx.principal.user.id && !mayManage))
    throw new AppError('NOT_FOUND', `No API token '${id}'`);
  if (!row.revokedAt)
    await ctx.db.apiToken.update({
      where: { id },
      data: { revokedAt: ctx.services.clock() },
      select: { id: true },
    });
  await announceAuthChange(ctx.db);
  await writeAudit(ctx.db, ctx, {
    action: 'api_token.revoke',
    resource: 'api_token',
    resourceId: id,
    before: { name: row.name },
  });
}
