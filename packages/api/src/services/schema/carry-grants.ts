/**
 * Data permissions name entities and fields by code. When a publish renames them (their ids
 * stay), the grants follow, in the publishing transaction: an entity's grants move to its new
 * code and field lists take the new field codes. Row filters are not rewritten: one that names
 * a renamed field no longer fits the model and grants nothing until it is edited.
 */
import type { ModelDocument, Queryable } from '@tessera/meta';

export async function carryGrants(
  db: Queryable,
  projectId: string,
  published: ModelDocument | null,
  next: ModelDocument,
): Promise<void> {
  if (!published) return;
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
