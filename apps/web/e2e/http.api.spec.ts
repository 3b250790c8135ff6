import { expect, test } from '@playwright/test';

import { E2E_ADMIN } from './fixtures';

test('GET /api/health answers in the shared shape with a request id', async ({ request }) => {
  const res = await request.get('/api/health', { headers: { 'x-request-id': 'e2e-health-0001' } });
  expect(res.status()).toBe(200);
  expect(res.headers()['x-request-id']).toBe('e2e-health-0001');
  const body = await res.json();
  expect(body).toMatchObject({
    status: 'healthy',
    uptime: expect.any(Number),
    services: { database: { status: 'healthy', responseTime: expect.any(Number) } },
  });
  const fresh = await request.get('/api/health', {
    headers: { 'x-request-id': 'no spaces allowed' },
  });
  expect(fresh.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
});

test('POST /api/auth/token returns a bearer token that authenticates', async ({ request }) => {
  const res = await request.post('/api/auth/token', {
    data: { email: E2E_ADMIN.email.toUpperCase(), password: E2E_ADMIN.password },
  });
  expect(res.status()).toBe(200);
  const { token, tokenType } = await res.json();
  expect(tokenType).toBe('Bearer');
  const me = await request.get('/api/trpc/auth.me', {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = await me.json();
  expect(body.result.data.json.user.email).toBe(E2E_ADMIN.email);
  expect(body.result.data.json.permissions).toContain('user:read');

  const wrong = await request.post('/api/auth/token', {
    data: { email: E2E_ADMIN.email, password: 'nope-nope' },
  });
  expect(wrong.status()).toBe(401);
  const bad = await request.post('/api/auth/token', { data: { email: '' } });
  expect(bad.status()).toBe(422);
});

test('a cross-site mutation is refused, and the session cookie has the right flags', async ({
  request,
  baseURL,
}) => {
  const body = { 0: { json: { email: E2E_ADMIN.email, password: E2E_ADMIN.password } } };
  const evil = await request.post('/api/trpc/auth.login?batch=1', {
    data: body,
    headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
  });
  expect(evil.status()).toBe(403);
  expect(evil.headers()['set-cookie']).toBeUndefined();

  const ok = await request.post('/api/trpc/auth.login?batch=1', {
    data: body,
    headers: { origin: baseURL! },
  });
  expect(ok.status()).toBe(200);
  const cookie = ok.headers()['set-cookie']!;
  expect(cookie).toMatch(/^tessera_session=[a-z0-9]+\.[a-z0-9]+; HttpOnly; SameSite=Lax; Path=\//);
  expect(cookie).not.toContain('Secure');
});

test('the console serves the amis SDK itself', async ({ request }) => {
  const sdk = await request.get('/amis-sdk/sdk.js');
  expect(sdk.status()).toBe(200);
  expect(sdk.headers()['content-type']).toContain('javascript');
  expect((await sdk.body()).length).toBeGreaterThan(1_000_000);
  expect((await request.get('/amis-sdk/sdk.css')).status()).toBe(200);
});
