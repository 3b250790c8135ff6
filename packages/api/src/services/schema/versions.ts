/** Versions of a project's model: listing, diffing, rollback, and export/import of documents. */
import { AppError } from '@tessera/errors';
import { assignIds, diffDocuments, type ModelDocument, serializeDocument } from '@tessera/meta';

import { writeAudit } from '../../audit/write-audit';
import type { AuthedContext } from '../types';
import { issuesError, readDocument } from './documents';
import { updateDraft } from './draft';
import { findProject } from './projects';
import { planProject, publishedDocument } from './publishing';

export async function listVersions(ctx: AuthedContext, code: string) {
  const project = await findProject(ctx, code);
  return ctx.db.metaVersion.findMany({
    where: { projectId: project.id },
    select: { version: true, publishedAt: true, publishedById: true, plan: true },
    orderBy: { version: 'desc' },
  });
}

async function versionDocument(
  ctx: AuthedContext,
  projectId: string,
  code: string,
  version: number | 'draft',
): Promise<ModelDocument> {
  if (version === 'draft') return (await findProject(ctx, code)).draft;
  const doc = await publishedDocument(ctx, projectId, version);
  if (!doc) throw new AppError('NOT_FOUND', `No version ${version} of '${code}'`);
  return doc;
}

export async function diffVersions(
  ctx: AuthedContext,
  input: { project: string; from: number | 'draft'; to: number | 'draft' },
) {
  const project = await findProject(ctx, input.project);
  return diffDocuments(
    await versionDocument(ctx, project.id, project.code, input.from),
    await versionDocument(ctx, project.id, project.code, input.to),
  );
}

/** A rollback makes an old version the draft; publishing it is a new, forward plan. */
export async function rollbackProject(
  ctx: AuthedContext,
  input: { project: string; toVersion: number },
) {
  const project = await findProject(ctx, input.project);
  const target = await versionDocument(ctx, project.id, project.code, input.toVersion);
  await replaceDraft(ctx, project, target, 'schema.rollback');
  return planProject(ctx, project.code);
}

export async function exportProject(
  ctx: AuthedContext,
  input: { project: string; format: 'yaml' | 'json'; version?: number },
) {
  const project = await findProject(ctx, input.project);
  const doc = input.version
    ? await versionDocument(ctx, project.id, project.code, input.version)
    : project.draft;
  return { format: input.format, text: serializeDocument(doc, input.format) };
}

/** Import replaces the draft (creating the project if needed) and returns the plan. */
export async function importProject(
  ctx: AuthedContext,
  input: { project: string; document: string },
) {
  // YAML parsing and validation of a big document take seconds: off the event loop.
  const parsed = await readDocument(ctx, input.document);
  if (!parsed.ok) throw issuesError(parsed.issues, 'The document');
  if (parsed.document.project !== input.project) {
    throw new AppError(
      'VALIDATION',
      `The document is for project '${parsed.document.project}', not '${input.project}'`,
      { fieldErrors: { project: 'Project codes differ' } },
    );
  }
  const existing = await ctx.db.metaProject.findUnique({
    where: { code: input.project },
    select: { id: true },
  });
  if (!existing) {
    const doc = assignIds(parsed.document, null);
    await ctx.db.metaProject.create({
      data: {
        code: input.project,
        name: doc.name ?? input.project,
        description: doc.description ?? '',
        draft: doc as never,
        changes: {
          create: {
            revision: 1,
            operation: 'schema.import',
            payload: doc as never,
            actorId: ctx.principal.user.id,
          },
        },
      },
      select: { id: true },
    });
    await writeAudit(ctx.db, ctx, {
      action: 'schema.import',
      resource: 'project',
      resourceId: input.project,
      after: { created: true },
    });
  } else {
    const project = await findProject(ctx, input.project);
    const published = await publishedDocument(ctx, project.id, project.publishedVersion);
    await replaceDraft(
      ctx,
      project,
      assignIds(parsed.document, published ?? project.draft),
      'schema.import',
    );
  }
  return planProject(ctx, input.project);
}

/** Makes `doc` the draft, if the draft is still what `project` read. */
async function replaceDraft(
  ctx: AuthedContext,
  project: Awaited<ReturnType<typeof findProject>>,
  doc: ModelDocument,
  operation: string,
) {
  await updateDraft(
    ctx,
    { project: project.code, baseRevision: project.draftRevision, operation, resource: 'project' },
    { replacement: doc },
  );
}
