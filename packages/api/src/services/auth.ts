/** Sign-in, sign-out, password change and first-run setup. */
import {
  createSession,
  getDummyHash,
  hashPassword,
  invalidateSession,
  invalidateUserSessions,
  normaliseEmail,
  serializeBlankSessionCookie,
  serializeDeviceCookie,
  serializeSessionCookie,
  touchDevice,
  trustDevice,
  trustedDeviceOf,
  verifyPassword,
} from '@tessera/auth';
import { AppError } from '@tessera/errors';

import { writeAudit } from '../audit/write-audit';
import type { Context } from '../context';
import { createUserRecord } from './users';

export async function login(ctx: Context, input: { email: string; password: string }) {
  const email = normaliseEmail(input.email);
  // A browser this account signed in with before is counted on its own: guesses made elsewhere
  // cannot lock its owner out.
  const device = await trustedDeviceOf(
    { db: ctx.db, clock: ctx.services.clock },
    ctx.deviceToken,
    email,
  );
  const attempt = { ip: ctx.ip, email, device };
  await ctx.services.loginThrottle.check(attempt);

  const user = await ctx.db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, status: true, passwordHash: true },
  });
  // Verify against a dummy hash when the user is unknown, so timing does not reveal accounts.
  const ok = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), input.password);
  if (!user || !ok || user.status !== 'active') {
    await writeAudit(ctx.db, ctx, {
      action: 'auth.login_failed',
      resource: 'user',
      resourceId: user?.id,
      after: { email },
      actor: null,
    });
    throw new AppError('INVALID_CREDENTIALS', 'Wrong email or password');
  }
  await ctx.services.loginThrottle.succeeded(attempt);
  // Rotation: signing in replaces whatever session this browser held.
  if (ctx.principal?.sessionId) await invalidateSession(ctx.db, ctx.principal.sessionId);
  const session = await createSession(
    { db: ctx.db, clock: ctx.services.clock, policy: ctx.services.sessionPolicy },
    user.id,
    { ipAddress: ctx.ip, userAgent: ctx.userAgent },
  );
  ctx.resHeaders.append(
    'set-cookie',
    serializeSessionCookie(session.token, { expiresAt: session.expiresAt, secure: ctx.secure }),
  );
  // The browser is trusted from now on: its own login budget (see the login throttle).
  if (device) await touchDevice(ctx.db, device, ctx.services.clock);
  else
    ctx.resHeaders.append(
      'set-cookie',
      serializeDeviceCookie(await trustDevice(ctx.db, user.id), { secure: ctx.secure }),
    );
  await writeAudit(ctx.db, ctx, {
    action: 'auth.login',
    resource: 'user',
    resourceId: user.id,
    actor: user,
  });
  return { user: { id: user.id, email: user.email, name: user.name }, session };
}

export async function logout(ctx: Context) {
  if (ctx.principal?.sessionId) await invalidateSession(ctx.db, ctx.principal.sessionId);
  ctx.resHeaders.append('set-cookie', serializeBlankSessionCookie({ secure: ctx.secure }));
  if (ctx.principal)
    await writeAudit(ctx.db, ctx, {
      action: 'auth.logout',
      resource: 'user',
      resourceId: ctx.principal.user.id,
    });
}

/** Changes the caller's password; every session ends and a fresh one is issued. */
export async function changePassword(
  ctx: Context & { principal: NonNullable<Context['principal']> },
  input: { currentPassword: string; newPassword: string },
) {
  const { user } = ctx.principal;
  const row = await ctx.db.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { passwordHash: true },
  });
  if (!(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw new AppError('VALIDATION', 'The current password is wrong', {
      fieldErrors: { currentPassword: 'The current password is wrong' },
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.user.update({
    where: { id: user.id },
    data: { passwordHash, passwordChangedAt: ctx.services.clock() },
    select: { id: true },
  });
  await invalidateUserSessions(ctx.db, user.id);
  await writeAudit(ctx.db, ctx, {
    action: 'user.change_password',
    resource: 'user',
    resourceId: user.id,
  });
  if (ctx.principal.via === 'session') {
    const session = await createSession(
      { db: ctx.db, clock: ctx.services.clock, policy: ctx.services.sessionPolicy },
      user.id,
      { ipAddress: ctx.ip, userAgent: ctx.userAgent },
    );
    ctx.resHeaders.append(
      'set-cookie',
      serializeSessionCookie(session.token, { expiresAt: session.expiresAt, secure: ctx.secure }),
    );
  }
}

export async function needsSetup(ctx: Pick<Context, 'db'>): Promise<boolean> {
  return (await ctx.db.user.count()) === 0;
}

/** The one-time setup screen: creates the first administrator while no user exists. */
export async function setupFirstAdmin(
  ctx: Context,
  input: { email: string; name: string; password: string },
) {
  const created = await createFirstAdmin(ctx.db, input);
  if (!created) throw new AppError('ALREADY_SET_UP', 'Tessera is already set up; sign in instead');
  await writeAudit(ctx.db, ctx, {
    action: 'auth.setup',
    resource: 'user',
    resourceId: created.id,
    after: { email: created.email },
    actor: created,
  });
  return login(ctx, { email: input.email, password: input.password });
}

/**
 * Creates an admin if and only if no user exists. A transaction-scoped advisory lock makes
 * concurrent callers (two app instances starting at once) create at most one.
 */
export async function createFirstAdmin(
  db: Context['db'],
  input: { email: string; name?: string; password: string },
) {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7247331)`;
    if ((await tx.user.count()) > 0) return null;
    return createUserRecord(tx, {
      email: input.email,
      name: input.name ?? 'Administrator',
      passwordHash,
      roleCodes: ['admin'],
    });
  });
}
