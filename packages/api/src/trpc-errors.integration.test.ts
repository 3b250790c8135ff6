/**
 * What a tRPC caller is told when something goes wrong, through the HTTP adapter (the error
 * formatter runs there): driver errors translated through the one table, never their text, and
 * an unexpected error as a generic one with the request id.
 */
import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createContextFromRequest } from './context';
import { appRouter } from './root';
import { testServices } from './test/fixtures';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

async function call(path: string, input: unknown, services = testServices(t.db)) {
  const req = new Request(`http://console.test/api/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'req-trpc-0001' },
    body: JSON.stringify({ json: input }),
  });
  const res = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => createContextFromRequest({ services, req, resHeaders }),
  });
  const body = (await res.json()) as { error: { json: { message: string; data: unknown } } };
  return { status: res.status, error: body.error.json, text: JSON.stringify(body) };
}

describe('tRPC errors', () => {
  it('answers a NUL character that reached the database as a bad request, without its text', async () => {
    const { status, error, text } = await call('auth.login', {
      email: 'a\u0000@example.com',
      password: 'whatever',
    });
    expect(status).toBe(400);
    expect(error.message).toBe('Text may not contain NUL characters');
    for (const leak of ['invocation', 'prisma', 'findUnique', '/work/', 'node_modules'])
      expect(text.toLowerCase()).not.toContain(leak.toLowerCase());
  });

  it('answers an unexpected error generically, naming the request id', async () => {
    const services = testServices(t.db);
    // A fault of ours: the throttle breaks with a message that must not reach the caller.
    services.loginThrottle = {
      backend: 'memory',
      check: () => Promise.reject(new Error('secret detail at /srv/app/x.ts:1')),
      succeeded: () => Promise.resolve(),
    };
    const { status, error, text } = await call(
      'auth.login',
      { email: 'a@example.com', password: 'x' },
      services,
    );
    expect(status).toBe(500);
    expect(error.message).toBe('Internal error; quote request id req-trpc-0001');
    expect(text).not.toContain('secret detail');
  });
});
