/**
 * Editing the draft with model operations (see `@tessera/meta`'s ops): the one path every edit
 * takes, from the designer, the console's forms and the sync endpoints. An edit is saved under
 * the project row's lock; one made on an older revision is merged onto the current draft when
 * nothing it writes was written since by another editor, and refused with the current state of
 * what collided otherwise. Layout edits (positions, notes) are saved without counting as a model
 * change: the revision stays, nothing is audited, and they never collide.
 */
import { AppError } from '@tessera/errors';
import {
  assignIds,
  documentOps,
  isLayoutOp,
  keyTarget,
  mergeOps,
  type ModelDocument,
  type ModelOp,
  type ModelOpKind,
  type OpConflict,
  validateDocument,
  valueAtKey,
  withJunctionEntities,
} from '@tessera/meta';

import type { AuthedContext } from '../types';
import { issuesError, storedDocument } from './documents';
import { saveDraft } from './save-draft';

export interface ApplyOpsInput {
  project: string;
  /** The draft revision the edit was made on; the current one when omitted. */
  baseRevision?: number;
  /** The editor (a designer tab) sending it: its own earlier edits never collide with it. */
  clientId?: string;
  /** The operations, or how to make them from the current draft (a whole entity or document). */
  ops: ModelOp[] | ((current: ModelDocument) => ModelOp[]);
  /** Refuse (CONFLICT naming the current revision) unless made on the current revision. */
  requireCurrent?: boolean;
  /** What the change log and the audit trail call it; the first operation's kind by default. */
  operation?: string;
  /** The entity it is about, for the change log (its code). */
  entity?: string;
}

export interface AppliedEdit {
  revision: number;
  /** The change log entry: the event the designers receive for it (null: nothing changed). */
  changeId: string | null;
  draft: ModelDocument;
}

const PERMISSION: Partial<Record<ModelOpKind, string>> = {
  'entity.create': 'entity:create',
  'entity.delete': 'entity:delete',
};

export function requiredPermissions(ops: readonly ModelOp[]): string[] {
  return [...new Set(ops.map((op) => PERMISSION[op.op] ?? 'entity:update'))];
}

/** A conflict as the editor receives it: where, who, and what is there now. */
export interface ConflictDetail extends OpConflict {
  target: ReturnType<typeof keyTarget>;
  current: unknown;
  actorName: string | null;
}

async function conflictError(
  ctx: AuthedContext,
  project: string,
  revision: number,
  doc: ModelDocument,
  conflicts: OpConflict[],
) {
  const actorIds = [...new Set(conflicts.flatMap((c) => (c.actor ? [c.actor] : [])))];
  const actors = await ctx.db.user.findMany({
    where: { id: { in: actorIds } },
    select: { id: true, name: true, email: true },
  });
  const nameOf = (id: string | null) => {
    const user = actors.find((a) => a.id === id);
    return user ? user.name || user.email : null;
  };
  const details: ConflictDetail[] = conflicts.map((c) => ({
    ...c,
    target: keyTarget(c.key),
    current: valueAtKey(doc, c.theirs) ?? null,
    actorName: nameOf(c.actor),
  }));
  const first = details[0]!;
  return new AppError(
    'CONFLICT',
    `${first.actorName ?? 'Someone'} changed this in '${project}' meanwhile (revision ${first.revision}); keep yours or take theirs`,
    { details: { revision, conflicts: details } },
  );
}

/**
 * The operations of a change made to the whole draft (a tool that sends whole entities or
 * documents): `change` applied to a copy, validated, ids matched, and diffed into operations.
 */
export function replacementOps(
  change: (doc: ModelDocument) => ModelDocument | void,
): (current: ModelDocument) => ModelOp[] {
  return (current) => {
    const working = structuredClone(current);
    const validated = validateDocument({
      ...(change(working) ?? working),
      project: current.project,
    });
    if (!validated.ok) throw issuesError(validated.issues);
    return documentOps(current, assignIds(withJunctionEntities(validated.document), current));
  };
}

interface LockedProject {
  id: string;
  code: string;
  draft: unknown;
  draft_revision: number;
}

export async function applyModelOps(
  ctx: AuthedContext,
  input: ApplyOpsInput,
): Promise<AppliedEdit> {
  const refuseMissing = (ops: ModelOp[]) => {
    const missing = requiredPermissions(ops).filter((p) => !ctx.principal.permissions.has(p));
    if (missing.length) throw new AppError('FORBIDDEN', `Missing permission ${missing.join(', ')}`);
  };
  if (Array.isArray(input.ops)) refuseMissing(input.ops);

  return ctx.db.$transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<LockedProject[]>`
        SELECT id, code, draft, draft_revision FROM meta_projects WHERE code = ${input.project} FOR UPDATE`;
      if (!row) throw new AppError('NOT_FOUND', `No project '${input.project}'`);
      const current = await storedDocument(ctx, row.draft);
      const base = input.baseRevision ?? row.draft_revision;
      if (input.requireCurrent && base !== row.draft_revision)
        throw new AppError(
          'CONFLICT',
          `The draft of '${row.code}' changed (revision ${row.draft_revision}, not ${base}); reload and try again`,
          { fieldErrors: { baseRevision: String(row.draft_revision) } },
        );
      const ops = Array.isArray(input.ops) ? input.ops : input.ops(current);
      if (!Array.isArray(input.ops)) refuseMissing(ops);
      if (!ops.length) return { revision: row.draft_revision, changeId: null, draft: current };
      const layoutOnly = ops.every(isLayoutOp);
      const operation = layoutOnly ? 'layout' : (input.operation ?? ops[0]!.op);
      if (base > row.draft_revision)
        throw new AppError(
          'BAD_REQUEST',
          `The draft of '${row.code}' has no revision ${base} yet (it is at ${row.draft_revision})`,
        );
      const later =
        base < row.draft_revision
          ? await tx.metaChange.findMany({
              where: {
                projectId: row.id,
                revision: { gt: base },
                NOT: { keys: { isEmpty: true } },
              },
              select: { revision: true, keys: true, actorId: true, clientId: true },
              orderBy: { id: 'asc' },
            })
          : [];
      const merged = mergeOps({
        document: current,
        ops,
        later: later.map((c) => ({ ...c, actor: c.actorId })),
        clientId: input.clientId ?? null,
      });
      if (!merged.ok && 'conflicts' in merged)
        throw await conflictError(ctx, row.code, row.draft_revision, current, merged.conflicts);
      if (!merged.ok)
        throw new AppError(
          merged.refused.reason === 'taken' || later.length ? 'CONFLICT' : 'NOT_FOUND',
          merged.refused.message,
          {
            details: { revision: row.draft_revision, index: merged.refused.index },
          },
        );

      const validated = validateDocument({ ...merged.document, project: row.code });
      if (!validated.ok) throw issuesError(validated.issues);
      const draft = assignIds(withJunctionEntities(validated.document), current);
      const revision = layoutOnly ? row.draft_revision : row.draft_revision + 1;
      const changeId = await saveDraft(tx, ctx, {
        project: row,
        draft,
        revision,
        operation,
        entity: input.entity,
        keys: layoutOnly ? [] : merged.keys,
        ops,
        clientId: input.clientId,
        audit: layoutOnly
          ? null
          : { resource: 'model', after: { revision, ops: ops.map((op) => op.op) } },
      });
      return { revision, changeId, draft };
    },
    { timeout: 30_000 },
  );
}
