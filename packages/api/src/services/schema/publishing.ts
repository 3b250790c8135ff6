/**
 * Plan, publish, versions, diff, rollback, export and import. Publishing runs on a connection
 * of its own, in one transaction that also records the version, the trash and the change log,
 * and notifies listeners (`NOTIFY tessera_metadata`) when it commits.
 */
import { AppError, databaseErrorKind, findAppError } from '@tessera/errors';
import {
  diffDocuments,
  ejectedEntitiesChanged,
  type ModelDocument,
  type Plan,
  planChanges,
  publish,
  PublishRefusedError,
} from '@tessera/meta';
import { METADATA_CHANNEL } from '@tessera/runtime-core';
import pg from 'pg';

import { writeAudit } from '../../audit/write-audit';
import { relay } from '../relay';
import type { AuthedContext } from '../types';
import { carryGrants } from './carry-grants';
import { syncEntityMenus } from './entity-menus';
import { storedDocument } from './documents';
import { findProject } from './projects';

async function withConnection<T>(
  ctx: AuthedContext,
  fn: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({
    connectionString: ctx.services.databaseUrl,
    application_name: 'tessera-publish',
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function publishedDocument(
  ctx: AuthedContext,
  projectId: string,
  version: number | null,
): Promise<ModelDocument | null> {
  if (version === null) return null;
  const row = await ctx.db.metaVersion.findUnique({
    where: { projectId_version: { projectId, version } },
    select: { document: true },
  });
  return row ? storedDocument(ctx, row.document) : null;
}

export async function planProject(
  ctx: AuthedContext,
  code: string,
): Promise<Plan & { revision: number; regenerate: string[]; unpublishedChanges: number }> {
  const project = await findProject(ctx, code);
  const published = await publishedDocument(ctx, project.id, project.publishedVersion);
  const plan = await withConnection(ctx, async (client) => {
    // Planning only reads (plus a temporary function); the transaction is always rolled back.
    await client.query('BEGIN');
    try {
      return await planChanges({ db: client, published, draft: project.draft });
    } finally {
      await client.query('ROLLBACK');
    }
  });
  return {
    ...plan,
    revision: project.draftRevision,
    // Ejected entities this publish changes: their service serves the model it was made from.
    regenerate: ejectedEntitiesChanged(published, project.draft),
    // Changes with no step in the database (an entity's mode, the service URL) still publish.
    unpublishedChanges: published
      ? diffDocuments(published, project.draft).length
      : project.draft.entities.length,
  };
}

export async function publishProject(
  ctx: AuthedContext,
  input: { project: string; confirm: string[] },
  onProgress?: (p: { index: number; total: number; summary: string }) => void,
) {
  const project = await findProject(ctx, input.project);
  const previous = project.publishedVersion;
  const published = await publishedDocument(ctx, project.id, previous);
  const version = (previous ?? 0) + 1;
  try {
    const plan = await withConnection(ctx, (client) =>
      publish({
        db: client,
        published,
        draft: project.draft,
        confirm: input.confirm,
        lockKey: `tessera:publish:${project.code}`,
        onProgress:
          onProgress &&
          (({ index, total, step }) => onProgress({ index, total, summary: step.summary })),
        record: async (db, plan) => {
          const moved = await db.query(
            `UPDATE meta_projects SET published_version = $2, updated_at = now() WHERE id = $1 AND published_version IS NOT DISTINCT FROM $3 RETURNING id`,
            [project.id, version, previous],
          );
          if (moved.rows.length !== 1)
            throw new AppError(
              'CONFLICT',
              `Another publish of '${project.code}' finished first; plan again`,
            );
          await db.query(
            `INSERT INTO meta_versions (id, project_id, version, document, plan, published_by_id) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5)`,
            [
              project.id,
              version,
              JSON.stringify(project.draft),
              JSON.stringify(plan),
              ctx.principal.user.id,
            ],
          );
          for (const step of plan.steps.filter((s) => s.trash)) {
            await db.query(
              `INSERT INTO meta_trash (id, project_id, version, kind, table_name, column_name, trash_name, rows) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7)`,
              [
                project.id,
                version,
                step.trash!.column ? 'column' : 'table',
                step.trash!.table,
                step.trash!.column ?? null,
                step.trash!.trashName,
                step.rows ?? 0,
              ],
            );
          }
          await db.query(
            `INSERT INTO meta_changes (project_id, revision, actor_id, operation, payload) VALUES ($1, $2, $3, 'publish', $4)`,
            [
              project.id,
              project.draftRevision,
              ctx.principal.user.id,
              JSON.stringify({ version, steps: plan.steps.length }),
            ],
          );
          await carryGrants(db, project.id, published, project.draft);
          await syncEntityMenus(db, project, published, project.draft);
          await db.query('SELECT pg_notify($1, $2)', [
            METADATA_CHANNEL,
            JSON.stringify({ project: project.code, version }),
          ]);
        },
      }),
    );
    await writeAudit(ctx.db, ctx, {
      action: 'schema.publish',
      resource: 'project',
      resourceId: project.code,
      after: { version, steps: plan.steps.map((s) => s.summary) },
    });
    return { version, plan, regenerate: ejectedEntitiesChanged(published, project.draft) };
  } catch (error) {
    if (error instanceof PublishRefusedError) {
      throw new AppError('VALIDATION', error.message, {
        fieldErrors: Object.fromEntries(error.steps.map((s) => [s.id, s.reason ?? s.risk])),
      });
    }
    if (databaseErrorKind(error) === 'lock-timeout') {
      throw new AppError(
        'CONFLICT',
        `A table of '${project.code}' is busy; nothing was changed. Try again shortly.`,
        { cause: error },
      );
    }
    throw error;
  }
}

export type PublishEvent =
  | { type: 'step'; index: number; total: number; summary: string }
  | { type: 'done'; version: number; steps: number; regenerate: string[] }
  | { type: 'refused'; code: string; message: string; fieldErrors: Record<string, string> };

/** `publishProject` as a stream of events: one per step as it starts, then the outcome. */
export async function* publishEvents(
  ctx: AuthedContext,
  input: { project: string; confirm: string[] },
): AsyncGenerator<PublishEvent> {
  yield* relay<PublishEvent>(async (emit) => {
    try {
      const { version, plan, regenerate } = await publishProject(ctx, input, (p) =>
        emit({ type: 'step', ...p }),
      );
      emit({ type: 'done', version, steps: plan.steps.length, regenerate });
    } catch (error) {
      const refused = findAppError(error);
      if (!refused) throw error;
      emit({
        type: 'refused',
        code: refused.code,
        message: refused.message,
        fieldErrors: refused.fieldErrors ?? {},
      });
    }
  });
}
