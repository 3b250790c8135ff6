/** User administration. Role changes, disabling and password resets end the user's sessions. */
import { hashPassword, invalidateUserSessions, normaliseEmail } from '@tessera/auth';
import type { Db, Prisma } from '@tessera/db';
import { AppError, databaseErrorKind } from '@tessera/errors';

import { writeAudit } from '../audit/write-audit';
import type { AuthedContext } from './types';

export const userSelect = {
  id: true,
  email: true,
  name: true,
  status: true,
  createdAt: true,
  updatedAt: true,
  roles: { select: { role: { select: { code: true, name: true } } } },
} satisfies Prisma.UserSelect;

type UserRow = Prisma.UserGetPayload<{ select: typeof userSelect }>;

export function toUserDto(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    status: u.status,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
    roles: u.roles.map((r) => r.role.code).sort(),
  };
}

export type UserDto = ReturnType<typeof toUserDto>;

type Tx = Prisma.TransactionClient | Db;

export async function createUserRecord(
  tx: Tx,
  input: { email: string; name: string; passwordHash: string; roleCodes: string[] },
) {
  const roles = await resolveRoles(tx, input.roleCodes);
  try {
    return await tx.user.create({
      data: {
        email: normaliseEmail(input.email),
        name: input.name,
        passwordHash: input.passwordHash,
        roles: { create: roles.map((r) => ({ roleId: r.id })) },
      },
      select: { id: true, email: true },
    });
  } catch (error) {
    if (databaseErrorKind(error) === 'unique') {
      throw new AppError(
        'CONFLICT',
        `A user with email '${normaliseEmail(input.email)}' already exists`,
        { fieldErrors: { email: 'This email is already in use' } },
      );
    }
    throw error;
  }
}

async function resolveRoles(tx: Tx, codes: string[]) {
  const unique = [...new Set(codes)];
  const roles = await tx.role.findMany({
    where: { code: { in: unique } },
    select: { id: true, code: true },
  });
  const missing = unique.filter((c) => !roles.some((r) => r.code === c));
  if (missing.length)
    throw new AppError('VALIDATION', `No role '${missing[0]}'`, {
      fieldErrors: { roles: `No role '${missing[0]}'` },
    });
  return roles;
}

export async function listUsers(
  ctx: AuthedContext,
  input: { search?: string; status?: 'active' | 'disabled'; page: number; perPage: number },
) {
  const where: Prisma.UserWhereInput = {
    ...(input.status ? { status: input.status } : {}),
    ...(input.search
      ? {
          OR: [
            { email: { contains: input.search, mode: 'insensitive' } },
            { name: { contains: input.search, mode: 'insensitive' } },
          ],
        }
      : {}),
  };
  const [items, total] = await Promise.all([
    ctx.db.user.findMany({
      where,
      select: userSelect,
      orderBy: { createdAt: 'asc' },
      skip: (input.page - 1) * input.perPage,
      take: input.perPage,
    }),
    ctx.db.user.count({ where }),
  ]);
  return { items: items.map(toUserDto), total };
}

export async function getUser(ctx: AuthedContext, id: string) {
  const user = await ctx.db.user.findUnique({ where: { id }, select: userSelect });
  if (!user) throw new AppError('NOT_FOUND', `No user '${id}'`);
  return toUserDto(user);
}

export async function createUser(
  ctx: AuthedContext,
  input: { email: string; name: string; password: string; roles: string[] },
) {
  const passwordHash = await hashPassword(input.password);
  const created = await ctx.db.$transaction(async (tx) => {
    const user = await createUserRecord(tx, {
      email: input.email,
      name: input.name,
      passwordHash,
      roleCodes: input.roles,
    });
    await writeAudit(tx, ctx, {
      action: 'user.create',
      resource: 'user',
      resourceId: user.id,
      after: { email: user.email, name: input.name, roles: input.roles },
    });
    return user;
  });
  return getUser(ctx, created.id);
}

export async function updateUser(
  ctx: AuthedContext,
  input: { id: string; name?: string; email?: string },
) {
  const before = await getUser(ctx, input.id);
  try {
    await ctx.db.user.update({
      where: { id: input.id },
      data: { name: input.name, email: input.email ? normaliseEmail(input.email) : undefined },
      select: { id: true },
    });
  } catch (error) {
    if (databaseErrorKind(error) === 'unique') {
      throw new AppError('CONFLICT', `A user with email '${input.email}' already exists`, {
        fieldErrors: { email: 'This email is already in use' },
      });
    }
    throw error;
  }
  const after = await getUser(ctx, input.id);
  await writeAudit(ctx.db, ctx, {
    action: 'user.update',
    resource: 'user',
    resourceId: input.id,
    before: { name: before.name, email: before.email },
    after: { name: after.name, email: after.email },
  });
  return after;
}

export async function setUserStatus(
  ctx: AuthedContext,
  input: { id: string; status: 'active' | 'disabled' },
) {
  const before = await getUser(ctx, input.id);
  if (input.status === 'disabled') {
    if (input.id === ctx.principal.user.id)
      throw new AppError('VALIDATION', 'You cannot disable your own account');
    await assertAnotherAdminRemains(ctx.db, input.id);
  }
  await ctx.db.user.update({
    where: { id: input.id },
    data: { status: input.status },
    select: { id: true },
  });
  if (input.status === 'disabled') await invalidateUserSessions(ctx.db, input.id);
  await writeAudit(ctx.db, ctx, {
    action: input.status === 'disabled' ? 'user.disable' : 'user.enable',
    resource: 'user',
    resourceId: input.id,
    before: { status: before.status },
    after: { status: input.status },
  });
  return getUser(ctx, input.id);
}

export async function resetUserPassword(
  ctx: AuthedContext,
  input: { id: string; password: string },
) {
  await getUser(ctx, input.id);
  const passwordHash = await hashPassword(input.password);
  await ctx.db.user.update({
    where: { id: input.id },
    data: { passwordHash, passwordChangedAt: ctx.services.clock() },
    select: { id: true },
  });
  await invalidateUserSessions(ctx.db, input.id);
  await writeAudit(ctx.db, ctx, {
    action: 'user.reset_password',
    resource: 'user',
    resourceId: input.id,
  });
}

export async function assignUserRoles(ctx: AuthedContext, input: { id: string; roles: string[] }) {
  const before = await getUser(ctx, input.id);
  if (before.roles.includes('admin') && !input.roles.includes('admin'))
    await assertAnotherAdminRemains(ctx.db, input.id);
  await ctx.db.$transaction(async (tx) => {
    const roles = await resolveRoles(tx, input.roles);
    await tx.userRole.deleteMany({ where: { userId: input.id } });
    await tx.userRole.createMany({ data: roles.map((r) => ({ userId: input.id, roleId: r.id })) });
    await writeAudit(tx, ctx, {
      action: 'user.assign_roles',
      resource: 'user',
      resourceId: input.id,
      before: { roles: before.roles },
      after: { roles: [...new Set(input.roles)].sort() },
    });
  });
  await invalidateUserSessions(ctx.db, input.id);
  return getUser(ctx, input.id);
}

/** Refuses a change that would leave no active administrator. */
async function assertAnotherAdminRemains(db: Db, losingUserId: string) {
  const others = await db.user.count({
    where: {
      id: { not: losingUserId },
      status: 'active',
      roles: { some: { role: { code: 'admin' } } },
    },
  });
  if (others === 0)
    throw new AppError('VALIDATION', 'At least one active administrator must remain');
}
