/**
 * Replacing the draft as a whole (an import, a rollback, a sync batch): the document is
 * validated as a whole and saved under the project row's lock, only if the draft is still at
 * the revision the replacement was based on, so nobody's edit is overwritten silently. The log
 * records what it changed (`replacementKeys`), so edits made meanwhile on an older revision
 * collide with it, and open designers hear of it. Edits of parts go through model operations
 * (operations.ts).
 */
import { AppError } from '@tessera/errors';
import {
  assignIds,
  type ModelDocument,
  replacementKeys,
  validateDocument,
  withJunctionEntities,
} from '@tessera/meta';

import type { AuthedContext } from '../types';
import { issuesError, storedDocument } from './documents';
import { saveDraft } from './save-draft';

export interface DraftEdit {
  project: string;
  /** The draft revision the edit was made on; stale edits get CONFLICT with the current one. */
  baseRevision?: number;
  operation: string;
  entity?: string;
  /** How the audit trail names what changed: the model (an edit) or the project (import). */
  resource?: 'model' | 'project';
}

/**
 * Saves `mutate`'s change of the draft, validated; or, with `replacement`, that document as it
 * is (already validated, with its ids: an import, a rollback).
 */
export async function updateDraft(
  ctx: AuthedContext,
  edit: DraftEdit,
  change: ((doc: ModelDocument) => ModelDocument | void) | { replacement: ModelDocument },
) {
  return ctx.db.$transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<
        { id: string; code: string; draft: unknown; draft_revision: number }[]
      >`SELECT id, code, draft, draft_revision FROM meta_projects WHERE code = ${edit.project} FOR UPDATE`;
      if (!row) throw new AppError('NOT_FOUND', `No project '${edit.project}'`);
      if (edit.baseRevision !== undefined && edit.baseRevision !== row.draft_revision) {
        throw new AppError(
          'CONFLICT',
          `The draft of '${edit.project}' changed (revision ${row.draft_revision}, not ${edit.baseRevision}); reload and try again`,
          { fieldErrors: { baseRevision: String(row.draft_revision) } },
        );
      }
      let current: ModelDocument;
      let next: ModelDocument;
      if (typeof change === 'function') {
        current = await storedDocument(ctx, row.draft);
        const working = structuredClone(current);
        const validated = validateDocument({ ...(change(working) ?? working), project: row.code });
        if (!validated.ok) throw issuesError(validated.issues);
        next = assignIds(withJunctionEntities(validated.document), current);
      } else {
        // Only compared, to log what the replacement changed: no need to validate it again.
        current = row.draft as ModelDocument;
        next = change.replacement;
      }
      const revision = row.draft_revision + 1;
      await saveDraft(tx, ctx, {
        project: row,
        draft: next,
        revision,
        operation: edit.operation,
        entity: edit.entity,
        keys: replacementKeys(current, next),
        audit: { resource: edit.resource ?? 'model', after: { revision } },
      });
      return { revision, draft: next };
    },
    { timeout: 60_000 },
  );
}
