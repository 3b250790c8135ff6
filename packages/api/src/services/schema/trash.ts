/**
 * Data that publishing moved aside: listing it, and restoring it. A restore is itself a
 * published version: the column or table gets its name back and the field or entity returns
 * to the model (published and draft), in one transaction.
 */
import { AppError, databaseErrorKind } from '@tessera/errors';
import {
  fieldChecks,
  fieldIndexes,
  type ModelDocument,
  quoteIdent,
  validateDocument,
} from '@tessera/meta';
import { METADATA_CHANNEL } from '@tessera/runtime-core';
import pg from 'pg';

import { writeAudit } from '../../audit/write-audit';
import type { AuthedContext } from '../types';
import { storedDocument } from './documents';
import { findProject } from './projects';

export async function listTrash(ctx: AuthedContext, code: string) {
  const project = await findProject(ctx, code);
  return ctx.db.metaTrash.findMany({
    where: { projectId: project.id },
    select: {
      id: true,
      version: true,
      kind: true,
      tableName: true,
      columnName: true,
      trashName: true,
      rows: true,
      createdAt: true,
      restoredAt: true,
    },
    orderBy: { createdAt: 'desc' },
  });
}

async function versionDoc(
  ctx: AuthedContext,
  projectId: string,
  version: number,
): Promise<ModelDocument> {
  const row = await ctx.db.metaVersion.findUnique({
    where: { projectId_version: { projectId, version } },
    select: { document: true },
  });
  if (!row) throw new AppError('NOT_FOUND', `No version ${version}`);
  return storedDocument(ctx, row.document);
}

export async function restoreTrash(ctx: AuthedContext, input: { project: string; id: string }) {
  const project = await findProject(ctx, input.project);
  const item = await ctx.db.metaTrash.findFirst({
    where: { id: input.id, projectId: project.id },
    select: {
      id: true,
      version: true,
      kind: true,
      tableName: true,
      columnName: true,
      trashName: true,
      restoredAt: true,
    },
  });
  if (!item) throw new AppError('NOT_FOUND', `No trash item '${input.id}' in '${project.code}'`);
  if (item.restoredAt) throw new AppError('CONFLICT', `${item.trashName} was already restored`);
  if (project.publishedVersion === null)
    throw new AppError('CONFLICT', `'${project.code}' has no published version`);
  const published = await versionDoc(ctx, project.id, project.publishedVersion);
  const before = await versionDoc(ctx, project.id, item.version - 1);
  const schema = project.code;
  const next = structuredClone(published);
  const draft = structuredClone(project.draft);
  const sql: string[] = [];
  let summary: string;

  const previousEntity = before.entities.find((e) => e.code === item.tableName);
  if (!previousEntity)
    throw new AppError(
      'NOT_FOUND',
      `Version ${item.version - 1} has no entity '${item.tableName}'`,
    );
  if (item.kind === 'column') {
    const field = previousEntity.fields.find((f) => f.code === item.columnName);
    const entity = next.entities.find((e) => e.id === previousEntity.id);
    if (!field || !entity)
      throw new AppError(
        'CONFLICT',
        `Entity '${item.tableName}' is no longer in the model; restore it first`,
      );
    if (entity.fields.some((f) => f.code === field.code))
      throw new AppError(
        'CONFLICT',
        `'${entity.code}' already has a field '${field.code}'; rename it first`,
      );
    const restored = { ...field, required: false };
    entity.fields.push(restored);
    const draftEntity = draft.entities.find((e) => e.id === entity.id);
    if (draftEntity && !draftEntity.fields.some((f) => f.code === field.code))
      draftEntity.fields.push(restored);
    const table = `${quoteIdent(schema)}.${quoteIdent(entity.code)}`;
    sql.push(
      `ALTER TABLE ${table} RENAME COLUMN ${quoteIdent(item.trashName)} TO ${quoteIdent(field.code)}`,
    );
    sql.push(...fieldChecks(entity, restored).map((c) => `ALTER TABLE ${table} ADD ${c}`));
    sql.push(...fieldIndexes(schema, entity, restored).map((s) => s.sql));
    summary = `Restore field ${entity.code}.${field.code} from ${item.trashName}`;
  } else {
    if (next.entities.some((e) => e.code === previousEntity.code))
      throw new AppError(
        'CONFLICT',
        `An entity '${previousEntity.code}' exists again; rename it first`,
      );
    next.entities.push(previousEntity);
    if (!draft.entities.some((e) => e.code === previousEntity.code))
      draft.entities.push(previousEntity);
    sql.push(
      `ALTER TABLE ${quoteIdent(schema)}.${quoteIdent(item.trashName)} RENAME TO ${quoteIdent(previousEntity.code)}`,
    );
    summary = `Restore entity ${previousEntity.code} from ${item.trashName}`;
  }
  for (const doc of [next, draft]) {
    const check = validateDocument(doc);
    if (!check.ok)
      throw new AppError(
        'CONFLICT',
        `Restoring would make the model invalid: ${check.issues[0]?.message}`,
      );
  }

  const version = project.publishedVersion + 1;
  const plan = {
    steps: [{ id: `restore-${item.id}`, kind: 'restore', summary, sql, risk: 'safe' as const }],
  };
  const client = new pg.Client({
    connectionString: ctx.services.databaseUrl,
    application_name: 'tessera-publish',
  });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `tessera:publish:${project.code}`,
    ]);
    await client.query('SET LOCAL lock_timeout = 5000');
    for (const statement of sql) await client.query(statement);
    const moved = await client.query(
      `UPDATE meta_projects SET published_version = $2, draft = $3, draft_revision = draft_revision + 1, updated_at = now() WHERE id = $1 AND published_version = $4 RETURNING draft_revision`,
      [project.id, version, JSON.stringify(draft), project.publishedVersion],
    );
    if (moved.rows.length !== 1)
      throw new AppError(
        'CONFLICT',
        `Another publish of '${project.code}' finished first; try again`,
      );
    await client.query(
      `INSERT INTO meta_versions (id, project_id, version, document, plan, published_by_id) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5)`,
      [project.id, version, JSON.stringify(next), JSON.stringify(plan), ctx.principal.user.id],
    );
    await client.query(`UPDATE meta_trash SET restored_at = now() WHERE id = $1`, [item.id]);
    await client.query(
      `INSERT INTO meta_changes (project_id, revision, actor_id, operation, payload) VALUES ($1, $2, $3, 'trash.restore', $4)`,
      [
        project.id,
        (moved.rows[0] as { draft_revision: number }).draft_revision,
        ctx.principal.user.id,
        JSON.stringify(draft),
      ],
    );
    await client.query('SELECT pg_notify($1, $2)', [
      METADATA_CHANNEL,
      JSON.stringify({ project: project.code, version }),
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (databaseErrorKind(error) === 'missing-object') {
      throw new AppError('CONFLICT', `${item.trashName} no longer exists in the database`, {
        cause: error,
      });
    }
    throw error;
  } finally {
    await client.end();
  }
  await writeAudit(ctx.db, ctx, {
    action: 'trash.restore',
    resource: 'project',
    resourceId: project.code,
    after: { summary, version },
  });
  return { version, summary };
}
