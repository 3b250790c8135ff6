/**
 * Data grants: what a role may do with one entity of one project. They are loaded with the
 * published models and reloaded by the same notification, so a change reaches every runtime.
 */
import type pg from 'pg';
import { z } from 'zod';

export const DATA_ACTIONS = ['read', 'create', 'update', 'delete'] as const;
export type DataAction = (typeof DATA_ACTIONS)[number];

export interface Grant {
  role: string;
  entity: string;
  action: DataAction;
  /** A filter in the runtime's filter language; may use `$CURRENT_USER`. Null: every row. */
  rowFilter: unknown;
  /** Readable (read) or writable (create, update) fields. Null: every field. */
  fields: readonly string[] | null;
}

const row = z.object({
  project: z.string(),
  role: z.string(),
  entity: z.string(),
  action: z.enum(DATA_ACTIONS),
  row_filter: z.unknown().nullable(),
  fields: z.array(z.string()).nullable(),
});

/** Every grant, by project code. Rows that do not parse are skipped: they grant nothing. */
export async function loadGrants(
  db: Pick<pg.Pool, 'query'>,
): Promise<ReadonlyMap<string, readonly Grant[]>> {
  const { rows } = await db.query(
    `SELECT p.code AS project, r.code AS role, d.entity, d.action, d.row_filter, d.fields
       FROM data_permissions d
       JOIN roles r ON r.id = d.role_id
       JOIN meta_projects p ON p.id = d.project_id`,
  );
  const grants = new Map<string, Grant[]>();
  for (const raw of rows) {
    const parsed = row.safeParse(raw);
    if (!parsed.success) continue;
    const { project, row_filter, ...grant } = parsed.data;
    const list = grants.get(project) ?? [];
    list.push({ ...grant, rowFilter: row_filter ?? null });
    grants.set(project, list);
  }
  return grants;
}
