import { DEVICE_COOKIE, readCookie, SESSION_COOKIE, validateSessionToken } from '@tessera/auth';
import { createLoginThrottle } from '@tessera/auth/rate-limit';
import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { handleTokenRequest } from './http/token-endpoint';
import { createCaller } from './root';
import { ensureFirstAdmin } from './services/bootstrap';
import { callerAs, contextFor, principalFor, seedUser, testServices } from './test/fixtures';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

function cookieFrom(headers: Headers): string | null {
  const setCookie = headers.get('set-cookie');
  return setCookie ? readCookie(setCookie.split(';')[0], SESSION_COOKIE) : null;
}

describe('login', () => {
  it('sets an HttpOnly session cookie that authenticates, and logout ends it', async () => {
    const user = await seedUser(t.db, ['viewer']);
    const services = testServices(t.db);
    const ctx = contextFor(services, null);
    await createCaller(ctx).auth.login({
      email: user.email.toUpperCase(),
      password: user.password,
    });
    expect(ctx.resHeaders.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax; Path=\//);
    const token = cookieFrom(ctx.resHeaders)!;
    const session = await validateSessionToken({ db: t.db }, token);
    expect(session?.userId).toBe(user.id);

    const authed = contextFor(services, await principalFor(t.db, user.id));
    authed.principal!.sessionId = session!.id;
    await createCaller(authed).auth.logout();
    expect(await validateSessionToken({ db: t.db }, token)).toBeNull();
    expect(authed.resHeaders.get('set-cookie')).toMatch(/Max-Age=0/);
  });

  it('marks the cookie Secure over https', async () => {
    const user = await seedUser(t.db, ['viewer']);
    const ctx = contextFor(testServices(t.db), null, { secure: true });
    await createCaller(ctx).auth.login({ email: user.email, password: user.password });
    expect(ctx.resHeaders.get('set-cookie')).toMatch(/; Secure/);
  });

  it('refuses a wrong password and a disabled user with the same message', async () => {
    const user = await seedUser(t.db, ['viewer']);
    const { caller } = await callerAs(testServices(t.db), null);
    await expect(
      caller.auth.login({ email: user.email, password: 'wrong password' }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'Wrong email or password' });
    await t.db.user.update({ where: { id: user.id }, data: { status: 'disabled' } });
    await expect(
      caller.auth.login({ email: user.email, password: user.password }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'Wrong email or password' });
  });

  it('throttles by normalised email: changing the case does not reset the limit', async () => {
    const user = await seedUser(t.db, ['viewer']);
    const services = testServices(t.db, {
      loginThrottle: createLoginThrottle({
        store: { kind: 'memory' },
        perAccount: { limit: 3, windowSeconds: 60 },
      }),
    });
    const cases = [user.email, user.email.toUpperCase(), ` ${user.email} `];
    for (const [i, email] of cases.entries()) {
      const { caller } = await callerAs(services, null, { ip: `10.1.0.${i}` });
      await expect(caller.auth.login({ email, password: 'wrong password' })).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
    }
    const { caller } = await callerAs(services, null, { ip: '10.1.0.99' });
    await expect(
      caller.auth.login({
        email: user.email.replace(/^./, (c) => c.toUpperCase()),
        password: user.password,
      }),
    ).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
  });
});

describe('locking out', () => {
  const wrong = async (services: ReturnType<typeof testServices>, email: string, ip: string) => {
    const { caller } = await callerAs(services, null, { ip });
    return caller.auth
      .login({ email, password: 'wrong password' })
      .catch((e: { code: string }) => e.code);
  };

  it('five wrong passwords from one address do not lock the owner out from another', async () => {
    const user = await seedUser(t.db, ['viewer']);
    const services = testServices(t.db);
    for (let i = 0; i < 5; i++)
      expect(await wrong(services, user.email, '203.0.113.5')).toBe('UNAUTHORIZED');
    expect(await wrong(services, user.email, '203.0.113.5')).toBe('TOO_MANY_REQUESTS');
    const { caller } = await callerAs(services, null, { ip: '198.51.100.20' });
    await expect(
      caller.auth.login({ email: user.email, password: user.password }),
    ).resolves.toMatchObject({
      user: { email: user.email },
    });
  });

  it('a browser the owner signed in with stays open to them, however many addresses guess', async () => {
    const user = await seedUser(t.db, ['viewer']);
    const services = testServices(t.db);
    // The owner signs in once: the browser is given a device cookie.
    const first = contextFor(services, null, { ip: '198.51.100.30' });
    await createCaller(first).auth.login({ email: user.email, password: user.password });
    const device = readCookie(
      first.resHeaders
        .getSetCookie()
        .find((c) => c.startsWith(`${DEVICE_COOKIE}=`))!
        .split(';')[0],
      DEVICE_COOKIE,
    );
    expect(first.resHeaders.getSetCookie().join('\n')).toMatch(/tessera_device=.+HttpOnly/);
    // Guesses from fifty addresses spend the account's budget across addresses.
    for (let i = 0; i < 50; i++) await wrong(services, user.email, `203.0.113.${i}`);
    expect(await wrong(services, user.email, '198.51.100.31')).toBe('TOO_MANY_REQUESTS');
    // The owner's browser still signs in; a cookie of another account's does not help.
    const back = contextFor(services, null, { ip: '198.51.100.31', deviceToken: device });
    await expect(
      createCaller(back).auth.login({ email: user.email, password: user.password }),
    ).resolves.toMatchObject({ user: { email: user.email } });
    const other = await seedUser(t.db, ['viewer']);
    for (let i = 0; i < 50; i++) await wrong(services, other.email, `203.0.114.${i}`);
    const borrowed = contextFor(services, null, { ip: '198.51.100.32', deviceToken: device });
    await expect(
      createCaller(borrowed).auth.login({ email: other.email, password: other.password }),
    ).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
  });
});

describe('session rotation', () => {
  it('issues a new session at login and ends the one the browser held', async () => {
    const user = await seedUser(t.db, ['viewer']);
    const services = testServices(t.db);
    const previous = await principalFor(t.db, user.id);
    const ctx = contextFor(services, previous);
    await createCaller(ctx).auth.login({ email: user.email, password: user.password });
    const token = cookieFrom(ctx.resHeaders)!;
    expect(token.split('.')[0]).not.toBe(previous.sessionId);
    expect(await t.db.session.findUnique({ where: { id: previous.sessionId! } })).toBeNull();
    expect(await validateSessionToken({ db: t.db }, token)).not.toBeNull();
  });
});

describe('login with the throttle store down', () => {
  it('fails closed with 503, over tRPC and the token endpoint', async () => {
    const user = await seedUser(t.db, ['viewer']);
    const services = testServices(t.db, {
      loginThrottle: createLoginThrottle({ store: { kind: 'redis', url: 'redis://127.0.0.1:1' } }),
    });
    const { caller } = await callerAs(services, null);
    await expect(
      caller.auth.login({ email: user.email, password: user.password }),
    ).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    const res = await handleTokenRequest(
      services,
      new Request('http://console/api/auth/token', {
        method: 'POST',
        body: JSON.stringify({ email: user.email, password: user.password }),
      }),
      { requestId: 'r-503', ip: '10.0.0.1' },
    );
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 503, requestId: 'r-503' });
  });
});

describe('session revocation', () => {
  it('ends every session of a user whose password changes, and issues a new one', async () => {
    const user = await seedUser(t.db, ['viewer']);
    const services = testServices(t.db);
    const ctx = contextFor(services, await principalFor(t.db, user.id));
    const other = await principalFor(t.db, user.id);
    await createCaller(ctx).auth.changePassword({
      currentPassword: user.password,
      newPassword: 'a brand new password',
    });
    expect(
      await t.db.session.count({
        where: { id: { in: [ctx.principal!.sessionId!, other.sessionId!] } },
      }),
    ).toBe(0);
    expect(cookieFrom(ctx.resHeaders)).not.toBeNull();
    const { caller } = await callerAs(services, null);
    await expect(
      caller.auth.login({ email: user.email, password: 'a brand new password' }),
    ).resolves.toBeTruthy();
  });

  it('ends a user’s sessions when an admin disables them or changes their roles', async () => {
    const services = testServices(t.db);
    const { caller: admin } = await callerAs(services, ['admin']);
    const a = await seedUser(t.db, ['viewer']);
    const b = await seedUser(t.db, ['viewer']);
    await principalFor(t.db, a.id);
    await principalFor(t.db, b.id);
    await admin.user.setStatus({ id: a.id, status: 'disabled' });
    await admin.user.assignRoles({ id: b.id, roles: ['modeler'] });
    expect(await t.db.session.count({ where: { userId: { in: [a.id, b.id] } } })).toBe(0);
  });

  it('never leaves the platform without an active administrator', async () => {
    const { caller, user } = await callerAs(testServices(t.db), ['admin']);
    await expect(caller.user.setStatus({ id: user!.id, status: 'disabled' })).rejects.toMatchObject(
      { code: 'UNPROCESSABLE_CONTENT' },
    );
  });
});

describe('first administrator', () => {
  it('is created from the environment only while no user exists, and setup is then refused', async () => {
    const fresh = await createTestDatabase();
    try {
      expect(await ensureFirstAdmin(fresh.db, {})).toBe('not-configured');
      expect(
        await ensureFirstAdmin(fresh.db, {
          email: 'Root@Example.com',
          password: 'a long admin password',
        }),
      ).toBe('created');
      expect(
        await ensureFirstAdmin(fresh.db, {
          email: 'other@example.com',
          password: 'a long admin password',
        }),
      ).toBe('exists');
      const users = await fresh.db.user.findMany({
        select: { email: true, roles: { select: { role: { select: { code: true } } } } },
      });
      expect(users).toEqual([{ email: 'root@example.com', roles: [{ role: { code: 'admin' } }] }]);
      const { caller } = await callerAs(testServices(fresh.db), null);
      expect(await caller.auth.setupStatus()).toEqual({ needsSetup: false });
      await expect(
        caller.auth.setup({ email: 'x@example.com', name: 'X', password: 'another password' }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
    } finally {
      await fresh.drop();
    }
  });

  it('offers one-time setup on an empty database', async () => {
    const fresh = await createTestDatabase();
    try {
      const ctx = contextFor(testServices(fresh.db), null);
      const caller = createCaller(ctx);
      expect(await caller.auth.setupStatus()).toEqual({ needsSetup: true });
      await caller.auth.setup({
        email: 'first@example.com',
        name: 'First',
        password: 'first password!',
      });
      expect(cookieFrom(ctx.resHeaders)).not.toBeNull();
      expect(await caller.auth.setupStatus()).toEqual({ needsSetup: false });
    } finally {
      await fresh.drop();
    }
  });
});
