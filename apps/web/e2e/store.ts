/**
 * The "store" project the data-page specs share: the shop model published under another code,
 * a viewer, and some rows written through the runtime. Set up once, by whichever spec comes
 * first (Playwright runs the spec files one after another).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { type APIRequestContext, expect, type Page } from '@playwright/test';

import { e2eEnv } from './env';
import { sessionToken, E2E_ADMIN, trpcMutation } from './fixtures';

export const VIEWER = { email: 'viewer@e2e.tessera.dev', password: 'e2e-viewer-password' };

const shopDocument = readFileSync(
  path.resolve(import.meta.dirname, '../../../packages/meta/src/fixtures/shop.yaml'),
  'utf8',
).replace(/^project: shop$/m, 'project: store');

export async function publishStore(request: APIRequestContext) {
  const token = await sessionToken(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const headers = { authorization: `Bearer ${token}` };
  const projects = await request.get('/api/trpc/project.list', { headers });
  const listed = (await projects.json()) as { result: { data: { json: { code: string }[] } } };
  if (listed.result.data.json.some((p) => p.code === 'store')) return;
  await trpcMutation(request, token, 'schema.import', { project: 'store', document: shopDocument });
  await trpcMutation(request, token, 'schema.publish', { project: 'store', confirm: [] });
  await trpcMutation(request, token, 'user.create', {
    email: VIEWER.email,
    name: 'Vera Viewer',
    password: VIEWER.password,
    roles: ['viewer'],
  });
  // Some rows to page through, written through the runtime as any client would.
  const runtime = e2eEnv().E2E_RUNTIME_URL!;
  const customer = await request.post(`${runtime}/api/v1/store/customer`, {
    headers,
    data: { name: 'Ada Lovelace', email: 'ada@example.com' },
  });
  expect(customer.status(), await customer.text()).toBe(200);
  const { id } = ((await customer.json()) as { data: { id: string } }).data;
  for (let i = 0; i < 25; i++) {
    const order = await request.post(`${runtime}/api/v1/store/order`, {
      headers,
      data: { total: 10 + i, status: i % 2 ? 'paid' : 'new', customer: id },
    });
    expect(order.status(), await order.text()).toBe(200);
  }
}

export async function openFromMenu(page: Page, title: string) {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('group', { name: 'store' }).getByRole('link', { name: title }).click();
}
