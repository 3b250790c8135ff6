/**
 * Saving a new draft inside the transaction that holds the project row's lock: the draft and
 * its revision, the change log entry (what the sync endpoints hand out, what later edits merge
 * against, what designers read), the audit entry for a model change, and the notification
 * open designers wait for. One place, for operations and whole-document replacements alike.
 */
import type { Db } from '@tessera/db';
import type { ModelDocument, ModelOp } from '@tessera/meta';

import { writeAudit } from '../../audit/write-audit';
import type { AuthedContext } from '../types';
import { DRAFT_CHANNEL } from './draft-events';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export interface DraftSave {
  project: { id: string; code: string };
  draft: ModelDocument;
  revision: number;
  operation: string;
  /** The entity the change is about (its code), for the log and the audit trail. */
  entity?: string;
  /** What it wrote (see `opKeys`); none for a layout change, which never collides. */
  keys: string[];
  ops?: ModelOp[];
  clientId?: string;
  /** Audited as a change of the model or of the project (an import); not at all: layout. */
  audit: { resource: 'model' | 'project'; after: Record<string, unknown> } | null;
}

export async function saveDraft(tx: Tx, ctx: AuthedContext, save: DraftSave): Promise<string> {
  await tx.metaProject.update({
    where: { id: save.project.id },
    data: { draft: save.draft as never, draftRevision: save.revision },
    select: { id: true },
  });
  const change = await tx.metaChange.create({
    data: {
      projectId: save.project.id,
      revision: save.revision,
      operation: save.operation,
      entity: save.entity ?? null,
      // The sync endpoints hand out the whole document of each model change.
      payload: (save.audit ? save.draft : {}) as never,
      ...(save.ops ? { ops: save.ops as never } : {}),
      keys: save.keys,
      clientId: save.clientId ?? null,
      actorId: ctx.principal.user.id,
    },
    select: { id: true },
  });
  if (save.audit)
    await writeAudit(tx, ctx, {
      action: save.operation,
      resource: save.audit.resource,
      resourceId: `${save.project.code}${save.entity ? `.${save.entity}` : ''}`,
      after: save.audit.after,
    });
  const id = change.id.toString();
  await tx.$executeRaw`SELECT pg_notify(${DRAFT_CHANNEL}, ${JSON.stringify({ project: save.project.code, id })})`;
  return id;
}
