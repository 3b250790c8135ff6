/** The navigation tree, and the subset a principal may see. */
import type { Prisma } from '@tessera/db';
import { AppError, databaseErrorKind } from '@tessera/errors';

import { writeAudit } from '../audit/write-audit';
import type { AuthedContext } from './types';

export const menuSelect = {
  id: true,
  code: true,
  parentId: true,
  type: true,
  title: true,
  icon: true,
  path: true,
  entity: true,
  permission: true,
  sortOrder: true,
} satisfies Prisma.MenuSelect;

export type MenuRow = Prisma.MenuGetPayload<{ select: typeof menuSelect }>;
export type MenuNode = MenuRow & { children: MenuNode[] };

export function buildTree(rows: MenuRow[]): MenuNode[] {
  const nodes = new Map(rows.map((r) => [r.id, { ...r, children: [] as MenuNode[] }]));
  const roots: MenuNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: MenuNode[]) => {
    list.sort((a, b) => a.sortOrder - b.sortOrder || a.title.localeCompare(b.title));
    list.forEach((n) => sort(n.children));
    return list;
  };
  return sort(roots);
}

/**
 * Keeps entries whose permission is held; an entity page also needs `readable` to hold its
 * entity (`project.entity`). A directory with no visible child disappears.
 */
export function filterTree(
  tree: MenuNode[],
  permissions: ReadonlySet<string>,
  readable: (entity: string) => boolean = () => true,
): MenuNode[] {
  return tree.flatMap((node) => {
    if (node.permission && !permissions.has(node.permission)) return [];
    if (node.type === 'entity_page' && node.entity && !readable(node.entity)) return [];
    if (node.type === 'directory') {
      const children = filterTree(node.children, permissions, readable);
      return children.length ? [{ ...node, children }] : [];
    }
    return [{ ...node, children: filterTree(node.children, permissions, readable) }];
  });
}

export async function menuTree(ctx: AuthedContext) {
  return buildTree(await ctx.db.menu.findMany({ select: menuSelect }));
}

/** The entities (`project.entity`) the caller may read through a grant of one of its roles. */
async function grantedEntities(ctx: AuthedContext): Promise<Set<string>> {
  const rows = await ctx.db.dataPermission.findMany({
    where: { action: 'read', role: { code: { in: [...ctx.principal.roles] } } },
    select: { entity: true, project: { select: { code: true } } },
  });
  return new Set(rows.map((r) => `${r.project.code}.${r.entity}`));
}

export async function myMenus(ctx: AuthedContext) {
  const { permissions } = ctx.principal;
  const granted = permissions.has('data:read') ? null : await grantedEntities(ctx);
  return filterTree(await menuTree(ctx), permissions, (entity) => !granted || granted.has(entity));
}

export interface MenuInput {
  code: string;
  parentId: string | null;
  type: 'directory' | 'page' | 'entity_page';
  title: string;
  icon: string | null;
  path: string | null;
  entity: string | null;
  permission: string | null;
  sortOrder: number;
}

async function assertParent(ctx: AuthedContext, id: string | null, parentId: string | null) {
  if (!parentId) return;
  const rows = await ctx.db.menu.findMany({ select: { id: true, parentId: true, type: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const parent = byId.get(parentId);
  if (!parent)
    throw new AppError('VALIDATION', `No parent menu '${parentId}'`, {
      fieldErrors: { parentId: 'No such menu' },
    });
  if (parent.type !== 'directory')
    throw new AppError('VALIDATION', 'A menu can only be placed inside a directory', {
      fieldErrors: { parentId: 'Choose a directory' },
    });
  for (let cursor: string | null = parentId; cursor; cursor = byId.get(cursor)?.parentId ?? null) {
    if (cursor === id)
      throw new AppError('VALIDATION', 'A menu cannot be placed inside itself', {
        fieldErrors: { parentId: 'This would create a cycle' },
      });
  }
}

function uniqueCode(error: unknown, code: string | undefined): never {
  if (databaseErrorKind(error) === 'unique') {
    throw new AppError('CONFLICT', `A menu '${code}' already exists`, {
      fieldErrors: { code: 'This code is already in use' },
    });
  }
  throw error;
}

export async function createMenu(ctx: AuthedContext, input: MenuInput) {
  await assertParent(ctx, null, input.parentId);
  const menu = await ctx.db.menu
    .create({ data: input, select: menuSelect })
    .catch((e) => uniqueCode(e, input.code));
  await writeAudit(ctx.db, ctx, {
    action: 'menu.create',
    resource: 'menu',
    resourceId: menu.id,
    after: menu,
  });
  return menu;
}

export async function updateMenu(ctx: AuthedContext, input: Partial<MenuInput> & { id: string }) {
  const { id, ...data } = input;
  const before = await ctx.db.menu.findUnique({ where: { id }, select: menuSelect });
  if (!before) throw new AppError('NOT_FOUND', `No menu '${id}'`);
  if (data.parentId !== undefined) await assertParent(ctx, id, data.parentId);
  const after = await ctx.db.menu
    .update({ where: { id }, data, select: menuSelect })
    .catch((e) => uniqueCode(e, data.code));
  await writeAudit(ctx.db, ctx, {
    action: 'menu.update',
    resource: 'menu',
    resourceId: id,
    before,
    after,
  });
  return after;
}

export async function deleteMenu(ctx: AuthedContext, id: string) {
  const before = await ctx.db.menu.findUnique({ where: { id }, select: menuSelect });
  if (!before) throw new AppError('NOT_FOUND', `No menu '${id}'`);
  await ctx.db.menu.delete({ where: { id }, select: { id: true } });
  await writeAudit(ctx.db, ctx, {
    action: 'menu.delete',
    resource: 'menu',
    resourceId: id,
    before,
  });
}
