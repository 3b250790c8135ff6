/**
 * Editing the draft. Every edit is a transformation of the whole model document, validated as a
 * whole and saved only if the draft is still at the revision the edit was based on, so two
 * modelers never overwrite each other silently.
 */
import { AppError } from '@tessera/errors';
import {
  assignIds,
  type ModelDocument,
  validateDocument,
  withJunctionEntities,
} from '@tessera/meta';

import { writeAudit } from '../../audit/write-audit';
import type { AuthedContext } from '../types';
import { issuesError } from './documents';
import { findProject } from './projects';

export interface DraftEdit {
  project: string;
  /** The draft revision the edit was made on; stale edits get CONFLICT with the current one. */
  baseRevision?: number;
  operation: string;
  entity?: string;
}

export async function updateDraft(
  ctx: AuthedContext,
  edit: DraftEdit,
  mutate: (doc: ModelDocument) => ModelDocument | void,
) {
  const project = await findProject(ctx, edit.project);
  if (edit.baseRevision !== undefined && edit.baseRevision !== project.draftRevision) {
    throw new AppError(
      'CONFLICT',
      `The draft of '${edit.project}' changed (revision ${project.draftRevision}, not ${edit.baseRevision}); reload and try again`,
      {
        fieldErrors: { baseRevision: String(project.draftRevision) },
      },
    );
  }
  const working = structuredClone(project.draft);
  const mutated = mutate(working) ?? working;
  const validated = validateDocument({ ...mutated, project: project.code });
  if (!validated.ok) throw issuesError(validated.issues);
  const next = assignIds(withJunctionEntities(validated.document), project.draft);
  const revision = project.draftRevision + 1;
  const saved = await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.metaProject.updateMany({
      where: { id: project.id, draftRevision: project.draftRevision },
      data: { draft: next as never, draftRevision: revision },
    });
    if (count !== 1) return false;
    await tx.metaChange.create({
      data: {
        projectId: project.id,
        revision,
        operation: edit.operation,
        entity: edit.entity ?? null,
        payload: next as never,
        actorId: ctx.principal.user.id,
      },
      select: { id: true },
    });
    await writeAudit(tx, ctx, {
      action: edit.operation,
      resource: 'model',
      resourceId: `${project.code}${edit.entity ? `.${edit.entity}` : ''}`,
      after: { revision },
    });
    return true;
  });
  if (!saved)
    throw new AppError(
      'CONFLICT',
      `The draft of '${edit.project}' changed while saving; reload and try again`,
    );
  return { revision, draft: next };
}
