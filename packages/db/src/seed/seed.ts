/** Inserts the built-in catalog. Safe to run any number of times; never overwrites edits. */
import type { Db } from '../client';
import { ALL_PERMISSIONS, BASE_CONFIG, BASE_MENUS, BUILTIN_ROLES } from './catalog';

export async function seed(db: Db): Promise<void> {
  await db.permission.createMany({
    data: ALL_PERMISSIONS.map((key) => {
      const [resource, action] = key.split(':') as [string, string];
      return { resource, action };
    }),
    skipDuplicates: true,
  });
  const permissions = await db.permission.findMany({
    select: { id: true, resource: true, action: true },
  });
  const idByKey = new Map(permissions.map((p) => [`${p.resource}:${p.action}`, p.id]));

  for (const role of BUILTIN_ROLES) {
    const existing = await db.role.findUnique({ where: { code: role.code }, select: { id: true } });
    if (existing && role.code !== 'admin') continue;
    const { id } =
      existing ??
      (await db.role.create({
        data: { code: role.code, name: role.name, description: role.description, builtin: true },
        select: { id: true },
      }));
    // The admin role always holds every permission, including ones added by later releases.
    await db.rolePermission.createMany({
      data: role.permissions.map((key) => ({ roleId: id, permissionId: idByKey.get(key)! })),
      skipDuplicates: true,
    });
  }

  const idByCode = new Map<string, string>();
  for (const menu of BASE_MENUS) {
    const parentId = menu.parent ? idByCode.get(menu.parent) : undefined;
    const row = await db.menu.upsert({
      where: { code: menu.code },
      update: {},
      create: {
        code: menu.code,
        parentId: parentId ?? null,
        type: menu.type,
        title: menu.title,
        icon: menu.icon ?? null,
        path: menu.path ?? null,
        permission: menu.permission ?? null,
        sortOrder: menu.sortOrder,
      },
      select: { id: true },
    });
    idByCode.set(menu.code, row.id);
  }

  await db.systemConfig.createMany({
    data: BASE_CONFIG.map((c) => ({
      key: c.key,
      type: c.type,
      value: c.value as never,
      description: c.description,
    })),
    skipDuplicates: true,
  });
}
