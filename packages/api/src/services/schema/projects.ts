/** Projects: each one a model document (the draft) and its published versions. */
import { AppError } from '@tessera/errors';
import { Prisma } from '@tessera/db';

import { writeAudit } from '../../audit/write-audit';
import type { AuthedContext } from '../types';
import { storedDocument } from './documents';

export const projectSelect = {
  id: true,
  code: true,
  name: true,
  description: true,
  draftRevision: true,
  publishedVersion: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.MetaProjectSelect;

export async function listProjects(ctx: AuthedContext) {
  return ctx.db.metaProject.findMany({ select: projectSelect, orderBy: { code: 'asc' } });
}

export async function findProject(ctx: Pick<AuthedContext, 'db'>, code: string) {
  const project = await ctx.db.metaProject.findUnique({
    where: { code },
    select: { ...projectSelect, draft: true },
  });
  if (!project) throw new AppError('NOT_FOUND', `No project '${code}'`);
  return { ...project, draft: storedDocument(project.draft) };
}

export async function createProject(
  ctx: AuthedContext,
  input: { code: string; name: string; description: string },
) {
  const draft = {
    project: input.code,
    name: input.name,
    description: input.description,
    entities: [],
    relations: [],
  };
  try {
    const project = await ctx.db.metaProject.create({
      data: {
        code: input.code,
        name: input.name,
        description: input.description,
        draft,
        changes: {
          create: {
            revision: 1,
            operation: 'project.create',
            payload: draft,
            actorId: ctx.principal.user.id,
          },
        },
      },
      select: projectSelect,
    });
    await writeAudit(ctx.db, ctx, {
      action: 'project.create',
      resource: 'project',
      resourceId: input.code,
      after: project,
    });
    return project;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError('CONFLICT', `A project '${input.code}' already exists`, {
        fieldErrors: { code: 'This code is already in use' },
      });
    }
    throw error;
  }
}
