/**
 * Every published entity has a menu entry leading to its data page, in a folder of its
 * project under the "Data" directory. Publishing creates the entries that are missing, moves
 * renamed entities' entries along (their ids stay) and removes those of dropped entities and
 * of many-to-many junctions; a title or order an administrator changed is kept. Who sees an entry is decided by data
 * permissions (see `myMenus`), not by a menu permission.
 */
import type { ModelDocument, Queryable } from '@tessera/meta';

export const DATA_MENU = 'data';

/** The `menus.entity` value, the menu code and the page path of an entity. */
export const entityMenuKey = (project: string, entity: string) => `${project}.${entity}`;
export const entityMenuCode = (project: string, entity: string) =>
  `${DATA_MENU}.${project}.${entity}`;
export const entityPagePath = (project: string, entity: string) => `/data/${project}/${entity}`;

async function ensureDirectory(
  db: Queryable,
  menu: { code: string; parentId: string | null; title: string; icon: string; sortOrder: number },
): Promise<string> {
  await db.query(
    `INSERT INTO menus (id, code, parent_id, type, title, icon, sort_order, updated_at)
     VALUES (gen_random_uuid(), $1, $2, 'directory', $3, $4, $5, now())
     ON CONFLICT (code) DO NOTHING`,
    [menu.code, menu.parentId, menu.title, menu.icon, menu.sortOrder],
  );
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM menus WHERE code = $1`, [
    menu.code,
  ]);
  return rows[0]!.id;
}

export async function syncEntityMenus(
  db: Queryable,
  project: { code: string; name: string },
  published: ModelDocument | null,
  next: ModelDocument,
): Promise<void> {
  const data = await ensureDirectory(db, {
    code: DATA_MENU,
    parentId: null,
    title: 'Data',
    icon: 'database',
    sortOrder: 10,
  });
  const folder = await ensureDirectory(db, {
    code: `${DATA_MENU}.${project.code}`,
    parentId: data,
    title: project.name,
    icon: 'folder',
    sortOrder: 0,
  });
  for (const entity of next.entities) {
    const before = published?.entities.find((e) => e.id !== undefined && e.id === entity.id);
    if (before && before.code !== entity.code)
      await db.query(
        `UPDATE menus SET code = $2, path = $3, entity = $4, updated_at = now()
          WHERE code = $1 AND NOT EXISTS (SELECT 1 FROM menus WHERE code = $2)`,
        [
          entityMenuCode(project.code, before.code),
          entityMenuCode(project.code, entity.code),
          entityPagePath(project.code, entity.code),
          entityMenuKey(project.code, entity.code),
        ],
      );
  }
  // A many-to-many junction is edited from its two sides, not on a page of its own.
  const junctions = new Set(next.relations.flatMap((r) => (r.through ? [r.through] : [])));
  const pages = next.entities.filter((e) => !junctions.has(e.code));
  for (const [index, entity] of pages.entries()) {
    await db.query(
      `INSERT INTO menus (id, code, parent_id, type, title, icon, path, entity, sort_order, updated_at)
       VALUES (gen_random_uuid(), $1, $2, 'entity_page', $3, 'table', $4, $5, $6, now())
       ON CONFLICT (code) DO UPDATE SET path = EXCLUDED.path, entity = EXCLUDED.entity,
         type = 'entity_page', updated_at = now()`,
      [
        entityMenuCode(project.code, entity.code),
        folder,
        entity.name ?? entity.code,
        entityPagePath(project.code, entity.code),
        entityMenuKey(project.code, entity.code),
        index * 10,
      ],
    );
  }
  await db.query(
    `DELETE FROM menus WHERE type = 'entity_page' AND starts_with(entity, $1 || '.') AND NOT (entity = ANY($2::text[]))`,
    [project.code, pages.map((e) => entityMenuKey(project.code, e.code))],
  );
}
