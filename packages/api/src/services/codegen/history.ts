/**
 * A service's migration history: from the version it was first generated at (its base) to the
 * version generated now, the base's model and the plan each later publish ran.
 */
import type { MigrationHistory } from '@tessera/codegen';
import { AppError } from '@tessera/errors';
import type { Plan } from '@tessera/meta';

import { publishedDocument } from '../schema/publishing';
import type { AuthedContext } from '../types';

export async function migrationHistory(
  ctx: AuthedContext,
  projectId: string,
  base: number | undefined,
  version: number,
): Promise<MigrationHistory | undefined> {
  if (base === undefined || base === version) return undefined;
  if (base > version)
    throw new AppError(
      'VALIDATION',
      `The code was generated from model version ${base}, newer than the published version ${version}`,
    );
  const document = await publishedDocument(ctx, projectId, base);
  if (!document) throw new AppError('NOT_FOUND', `No published version ${base} of this project`);
  const later = await ctx.db.metaVersion.findMany({
    where: { projectId, version: { gt: base, lte: version } },
    orderBy: { version: 'asc' },
    select: { version: true, plan: true },
  });
  return {
    base: { version: base, document },
    later: later.map((v) => ({ version: v.version, plan: v.plan as unknown as Plan })),
  };
}

/**
 * Where the console's generations of a project start their migrations: the model version of
 * its first successful generation (up to `before`), else the version generated now.
 */
export async function consoleBase(
  ctx: AuthedContext,
  projectId: string,
  before?: Date,
): Promise<number | undefined> {
  const first = await ctx.db.codegenRun.findFirst({
    where: {
      projectId,
      status: 'succeeded',
      targets: { has: 'nestjs-prisma' },
      ...(before ? { createdAt: { lte: before } } : {}),
    },
    orderBy: { createdAt: 'asc' },
    select: { modelVersion: true },
  });
  return first?.modelVersion;
}
