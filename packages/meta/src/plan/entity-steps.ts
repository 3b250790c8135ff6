/** Entity-level options: soft delete and the optional system columns. */
import type { Entity } from '../document';
import { fieldIndexes, listIndex } from '../ddl/create';
import { quoteIdent } from '../names';
import { columnIndexes, count, listOrderIndexes, qualified } from './catalog';
import { dropFieldSteps } from './field-steps';
import { type PlanStep, type Queryable, stepId } from './types';

/** Soft delete switched on (a `deleted_at` column, unique among live rows) or off. */
export async function softDeleteStep(
  { db, schema, now }: { db: Queryable; schema: string; now: Date },
  old: Entity,
  entity: Entity,
): Promise<PlanStep> {
  const table = qualified(schema, old.code);
  // Unique values are unique among live rows only while soft delete is on.
  const uniques = entity.fields.filter(
    (f) => f.unique && old.fields.some((o) => o.id === f.id && o.unique),
  );
  const reindex: string[] = [];
  for (const field of uniques) {
    const current = old.fields.find((o) => o.id === field.id)!.code;
    for (const index of await columnIndexes(db, schema, old.code, current))
      reindex.push(`DROP INDEX ${quoteIdent(schema)}.${quoteIdent(index.name)}`);
    reindex.push(...fieldIndexes(schema, { ...entity, code: old.code }, field).map((s) => s.sql));
  }
  if (entity.softDelete) {
    return {
      id: stepId('soft-delete-on', entity.id),
      kind: 'soft-delete',
      summary: `Keep deleted ${entity.code} rows (soft delete)`,
      sql: [`ALTER TABLE ${table} ADD COLUMN ${quoteIdent('deleted_at')} timestamptz`, ...reindex],
      risk: 'safe',
    };
  } else {
    const deleted = await count(
      db,
      `SELECT count(*) AS n FROM ${table} WHERE ${quoteIdent('deleted_at')} IS NOT NULL`,
    );
    const [drop] = await dropFieldSteps(
      { db, schema, entity: { ...entity, code: old.code }, now },
      { id: `${entity.id}:deleted_at`, code: 'deleted_at', type: 'datetime' },
      'Soft delete off: ',
    );
    return deleted > 0
      ? {
          ...drop!,
          risk: 'blocked',
          rows: deleted,
          reason: `${deleted} deleted row(s) would come back; remove them for good first`,
        }
      : { ...drop!, sql: [...drop!.sql, ...reindex] };
  }
}

const SYSTEM_COLUMNS: Record<string, string> = {
  created_at: 'timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP',
  updated_at: 'timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP',
  created_by: 'uuid',
  updated_by: 'uuid',
  version: 'integer NOT NULL DEFAULT 1',
};
const ALL_OPTIONAL = Object.keys(SYSTEM_COLUMNS);

/** Optional system columns switched on (added with their defaults) or off (moved to the trash). */
export async function systemFieldSteps(
  ctx: { db: Queryable; schema: string; now: Date },
  current: Entity,
  old: Entity,
  entity: Entity,
): Promise<PlanStep[]> {
  const before = new Set<string>(old.systemFields ?? ALL_OPTIONAL);
  const after = new Set<string>(entity.systemFields ?? ALL_OPTIONAL);
  const table = qualified(ctx.schema, current.code);
  const steps: PlanStep[] = [];
  for (const column of ALL_OPTIONAL) {
    if (!before.has(column) && after.has(column)) {
      steps.push({
        id: stepId('system-field-on', entity.id, column),
        kind: 'add-field',
        summary: `Add system field ${entity.code}.${column}`,
        sql: [`ALTER TABLE ${table} ADD COLUMN ${quoteIdent(column)} ${SYSTEM_COLUMNS[column]}`],
        risk: 'safe',
      });
    } else if (before.has(column) && !after.has(column)) {
      steps.push(
        ...(await dropFieldSteps(
          { ...ctx, entity: current },
          { id: `${entity.id}:${column}`, code: column, type: 'text' },
          'System field off: ',
        )),
      );
    }
  }
  return steps;
}

/**
 * The index behind the default list order, for a table that lacks it (made before it was
 * created with every table) or whose rows it should cover changed (soft delete switched).
 * Read from the live table, so a publish adds it once. `current` names the table as it is.
 */
export async function listIndexSteps(
  ctx: { db: Queryable; schema: string },
  current: Entity,
  entity: Entity,
): Promise<PlanStep[]> {
  const wanted = listIndex(ctx.schema, entity, current.code);
  if (!wanted) return [];
  const existing = await listOrderIndexes(ctx.db, ctx.schema, current.code);
  if (existing.some((i) => i.liveOnly === !!entity.softDelete)) return [];
  return [
    {
      id: stepId('list-index', entity.id, entity.softDelete ? 'live' : 'all'),
      kind: 'add-index',
      summary: wanted.summary,
      sql: [
        ...existing.map((i) => `DROP INDEX ${quoteIdent(ctx.schema)}.${quoteIdent(i.name)}`),
        wanted.sql,
      ],
      risk: 'safe',
    },
  ];
}
