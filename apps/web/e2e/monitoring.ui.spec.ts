/** The monitoring panel shows the runtime at work on the store project's data pages, from its reports. */
import { hostname } from 'node:os';

import { expect, test } from '@playwright/test';

import { e2eEnv } from './env';
import { sessionToken, E2E_ADMIN, signIn } from './fixtures';
import { openFromMenu, publishStore } from './store';

test.beforeAll(({ request }) => publishStore(request));

test('the monitoring panel shows the runtime at work, and links a slow request to the audit', async ({
  page,
}, testInfo) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await openFromMenu(page, 'order');
  await expect(page.locator('.amis-host tbody tr').first()).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Monitoring' })
    .click();
  await expect(page.getByRole('region', { name: 'Console health' })).toContainText('healthy');
  const runtime = page.getByRole('region', { name: 'Runtime health' });
  await expect(runtime).toContainText('healthy');
  await expect(runtime).toContainText('1 of 1 runtime reporting');
  // Each runtime by its host, as its own report names it.
  const instance = runtime.getByRole('row');
  await expect(instance).toContainText(hostname());
  await expect(instance).toContainText(/store v\d/);
  // Steady traffic while the panel watches shows in the charts.
  const token = await sessionToken(page.request, E2E_ADMIN.email, E2E_ADMIN.password);
  let traffic = true;
  const sending = (async () => {
    while (traffic)
      await page.request.get(`${e2eEnv().E2E_RUNTIME_URL}/api/v1/store/order?perPage=5`, {
        headers: { authorization: `Bearer ${token}` },
      });
  })();
  try {
    await expect(page.getByTestId('current-requestsPerSecond')).toHaveText(/^[1-9][\d.]* req\/s$/, {
      timeout: 15_000,
    });
  } finally {
    traffic = false;
    await sending;
  }
  await expect(page.getByRole('figure', { name: 'Latency' }).locator('.recharts-line')).toHaveCount(
    2,
  );
  const slow = page.getByRole('table').filter({ hasText: 'Request id' });
  await expect(slow).toContainText('/api/v1/store/order');
  await expect(slow).toContainText(hostname());
  await page.screenshot({ path: testInfo.outputPath('9-monitoring.png'), fullPage: true });
  const id = (await slow.getByRole('link').first().textContent())!;
  await slow.getByRole('link').first().click();
  await expect(page).toHaveURL(new RegExp(`/admin/audit\\?requestId=${id}$`));
  await expect(page.getByLabel('Request id')).toHaveValue(id);
});
