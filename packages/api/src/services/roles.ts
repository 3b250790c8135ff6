/** Roles and the permissions they grant. The built-in admin role always holds everything. */
import { announceAuthChange, invalidateUserSessions } from '@tessera/auth';
import type { Prisma } from '@tessera/db';
import { AppError, databaseErrorKind } from '@tessera/errors';

import { writeAudit } from '../audit/write-audit';
import type { AuthedContext } from './types';

const roleSelect = {
  id: true,
  code: true,
  name: true,
  description: true,
  builtin: true,
  permissions: { select: { permission: { select: { resource: true, action: true } } } },
  _count: { select: { users: true } },
} satisfies Prisma.RoleSelect;

function toRoleDto(r: Prisma.RoleGetPayload<{ select: typeof roleSelect }>) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    description: r.description,
    builtin: r.builtin,
    userCount: r._count.users,
    permissions: r.permissions.map((p) => `${p.permission.resource}:${p.permission.action}`).sort(),
  };
}

export async function listRoles(ctx: AuthedContext) {
  const roles = await ctx.db.role.findMany({ select: roleSelect, orderBy: { createdAt: 'asc' } });
  return roles.map(toRoleDto);
}

export async function listPermissions(ctx: AuthedContext) {
  const rows = await ctx.db.permission.findMany({
    select: { resource: true, action: true, description: true },
    orderBy: [{ resource: 'asc' }, { action: 'asc' }],
  });
  return rows.map((p) => ({ key: `${p.resource}:${p.action}`, ...p }));
}

async function getRole(ctx: AuthedContext, id: string) {
  const role = await ctx.db.role.findUnique({ where: { id }, select: roleSelect });
  if (!role) throw new AppError('NOT_FOUND', `No role '${id}'`);
  return toRoleDto(role);
}

async function permissionIds(ctx: AuthedContext, keys: string[]) {
  const pairs = [...new Set(keys)].map((k) => k.split(':') as [string, string]);
  const rows = pairs.length
    ? await ctx.db.permission.findMany({
        where: { OR: pairs.map(([resource, action]) => ({ resource, action })) },
        select: { id: true, resource: true, action: true },
      })
    : [];
  if (rows.length !== pairs.length) {
    const known = new Set(rows.map((r) => `${r.resource}:${r.action}`));
    const unknown = keys.find((k) => !known.has(k));
    throw new AppError('VALIDATION', `No permission '${unknown}'`, {
      fieldErrors: { permissions: `No permission '${unknown}'` },
    });
  }
  return rows.map((r) => r.id);
}

export async function createRole(
  ctx: AuthedContext,
  input: { code: string; name: string; description: string; permissions: string[] },
) {
  const ids = await permissionIds(ctx, input.permissions);
  try {
    const role = await ctx.db.role.create({
      data: {
        code: input.code,
        name: input.name,
        description: input.description,
        permissions: { create: ids.map((permissionId) => ({ permissionId })) },
      },
      select: { id: true },
    });
    const dto = await getRole(ctx, role.id);
    await writeAudit(ctx.db, ctx, {
      action: 'role.create',
      resource: 'role',
      resourceId: role.id,
      after: dto,
    });
    return dto;
  } catch (error) {
    if (databaseErrorKind(error) === 'unique') {
      throw new AppError('CONFLICT', `A role '${input.code}' already exists`, {
        fieldErrors: { code: 'This code is already in use' },
      });
    }
    throw error;
  }
}

export async function updateRole(
  ctx: AuthedContext,
  input: { id: string; name?: string; description?: string; permissions?: string[] },
) {
  const before = await getRole(ctx, input.id);
  if (input.permissions && before.code === 'admin')
    throw new AppError('VALIDATION', 'The admin role always has every permission');
  const ids = input.permissions ? await permissionIds(ctx, input.permissions) : null;
  await ctx.db.$transaction(async (tx) => {
    await tx.role.update({
      where: { id: input.id },
      data: { name: input.name, description: input.description },
      select: { id: true },
    });
    if (ids) {
      await tx.rolePermission.deleteMany({ where: { roleId: input.id } });
      await tx.rolePermission.createMany({
        data: ids.map((permissionId) => ({ roleId: input.id, permissionId })),
      });
    }
  });
  const after = await getRole(ctx, input.id);
  // Holders' cached principals carry the old permissions.
  if (ids) await announceAuthChange(ctx.db);
  await writeAudit(ctx.db, ctx, {
    action: 'role.update',
    resource: 'role',
    resourceId: input.id,
    before,
    after,
  });
  return after;
}

export async function deleteRole(ctx: AuthedContext, id: string) {
  const before = await getRole(ctx, id);
  if (before.builtin)
    throw new AppError('VALIDATION', `The built-in role '${before.code}' cannot be deleted`);
  const holders = await ctx.db.userRole.findMany({
    where: { roleId: id },
    select: { userId: true },
  });
  await ctx.db.role.delete({ where: { id }, select: { id: true } });
  // Losing a role is a role change: those users sign in again.
  for (const { userId } of holders) await invalidateUserSessions(ctx.db, userId);
  await writeAudit(ctx.db, ctx, {
    action: 'role.delete',
    resource: 'role',
    resourceId: id,
    before,
  });
}
