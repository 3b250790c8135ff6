/** Projects: each one a model document (the draft) and its published versions. */
import { AppError, databaseErrorKind } from '@tessera/errors';
import { diffDocuments } from '@tessera/meta';
import type { Prisma } from '@tessera/db';

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

export async function findProject(ctx: Pick<AuthedContext, 'db' | 'services'>, code: string) {
  const project = await ctx.db.metaProject.findUnique({
    where: { code },
    select: { ...projectSelect, draft: true },
  });
  if (!project) throw new AppError('NOT_FOUND', `No project '${code}'`);
  return { ...project, draft: await storedDocument(ctx, project.draft) };
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
    if (databaseErrorKind(error) === 'unique') {
      throw new AppError('CONFLICT', `A project '${input.code}' already exists`, {
        fieldErrors: { code: 'This code is already in use' },
      });
    }
    throw error;
  }
}

export type EntityStatus = 'draft' | 'changed' | 'published';

/** The project with each draft entity's status against the published version. */
export async function getProject(ctx: Pick<AuthedContext, 'db' | 'services'>, code: string) {
  const project = await findProject(ctx, code);
  const version =
    project.publishedVersion === null
      ? null
      : await ctx.db.metaVersion.findUnique({
          where: {
            projectId_version: { projectId: project.id, version: project.publishedVersion },
          },
          select: { document: true },
        });
  const published = version ? await storedDocument(ctx, version.document) : null;
  const changes = published ? diffDocuments(published, project.draft) : [];
  const entityStatus: Record<string, EntityStatus> = {};
  for (const entity of project.draft.entities) {
    const live = published?.entities.find((e) => e.id === entity.id);
    const touched = changes.some(
      (c) => c.path === entity.code || c.path.startsWith(`${entity.code}.`),
    );
    entityStatus[entity.code] = !live ? 'draft' : touched ? 'changed' : 'published';
  }
  return { ...project, entityStatus };
}
