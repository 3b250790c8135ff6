/**
 * Data permissions name entities and fields by code. When a publish renames them (their ids
 * stay), the grants follow, in the publishing transaction: row filters name the new field
 * codes (along relation paths too), an entity's grants move to its new code, and field lists
 * take the new field codes.
 */
import type { ModelDocument, Queryable } from '@tessera/meta';
import { type FieldRenames, renameFilterFields } from '@tessera/runtime-core';

/** Renamed fields, by the entity's code and the field's code before the publish. */
function fieldRenames(published: ModelDocument, next: ModelDocument): FieldRenames {
  const renames = new Map<string, Map<string, string>>();
  for (const entity of next.entities) {
    const before = published.entities.find((e) => e.id !== undefined && e.id === entity.id);
    if (!before) continue;
    for (const field of entity.fields) {
      const old = before.fields.find((f) => f.id !== undefined && f.id === field.id);
      if (!old || old.code === field.code) continue;
      const renamed = renames.get(before.code) ?? new Map<string, string>();
      renames.set(before.code, renamed.set(old.code, field.code));
    }
  }
  return renames;
}

/** Row filters are read against the model they were written for, before entity codes move. */
async function renameInRowFilters(
  db: Queryable,
  projectId: string,
  published: ModelDocument,
  renames: FieldRenames,
): Promise<void> {
  if (!renames.size) return;
  const { rows } = await db.query<{ id: string; entity: string; row_filter: unknown }>(
    `SELECT id, entity, row_filter FROM data_permissions WHERE project_id = $1 AND row_filter IS NOT NULL`,
    [projectId],
  );
  for (const row of rows) {
    const entity = published.entities.find((e) => e.code === row.entity);
    if (!entity) continue;
    const filter = renameFilterFields(published, entity, row.row_filter, renames);
    if (JSON.stringify(filter) === JSON.stringify(row.row_filter)) continue;
    await db.query(
      `UPDATE data_permissions SET row_filter = $2, updated_at = now() WHERE id = $1`,
      [row.id, JSON.stringify(filter)],
    );
  }
}

export async function carryGrants(
  db: Queryable,
  projectId: string,
  published: ModelDocument | null,
  next: ModelDocument,
): Promise<void> {
  if (!published) return;
  await renameInRowFilters(db, projectId, published, fieldRenames(published, next));
  for (const entity of next.entities) {
    const before = published.entities.find((e) => e.id !== undefined && e.id === entity.id);
    if (!before) continue;
    if (before.code !== entity.code)
      await db.query(
        `UPDATE data_permissions SET entity = $3, updated_at = now() WHERE project_id = $1 AND entity = $2`,
        [projectId, before.code, entity.code],
      );
    for (const field of entity.fields) {
      const old = before.fields.find((f) => f.id !== undefined && f.id === field.id);
      if (!old || old.code === field.code) continue;
      await db.query(
        `UPDATE data_permissions
            SET fields = (SELECT jsonb_agg(CASE WHEN f = $3 THEN $4 ELSE f END) FROM jsonb_array_elements_text(fields) f),
                updated_at = now()
          WHERE project_id = $1 AND entity = $2 AND fields ? $3`,
        [projectId, entity.code, old.code, field.code],
      );
    }
  }
}
