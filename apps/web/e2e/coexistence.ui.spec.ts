/**
 * A modeler moves an entity to the ejected service on the project page: the service URL and
 * the entity's mode are saved to the draft, the plan says the service must be regenerated,
 * and the change publishes (nothing to change in the database) and shows in the versions.
 */

import { expect, test } from '@playwright/test';

import {
  attempt,
  contextWithSession,
  E2E_ADMIN,
  SHOP_YAML,
  sessionToken,
  trpcMutation,
} from './fixtures';

test('an entity is moved to the ejected service and published', async ({
  browser,
  request,
  baseURL,
}, testInfo) => {
  const project = attempt('duet', testInfo);
  const token = await sessionToken(request, E2E_ADMIN.email, E2E_ADMIN.password);
  await trpcMutation(request, token, 'schema.import', {
    project,
    document: SHOP_YAML.replace('project: shop', `project: ${project}`),
  });
  await trpcMutation(request, token, 'schema.publish', { project, confirm: [] });
  const context = await contextWithSession(browser, baseURL!, token);
  const page = await context.newPage();
  await page.goto(`/modeling/${project}?tab=entities`);

  const customer = page.getByTestId('entity-card').filter({ hasText: 'customer' }).first();
  // No service yet: nothing can be ejected.
  await expect(
    customer.getByRole('switch', { name: 'Serve customer from the ejected service' }),
  ).toBeDisabled();
  await page.getByLabel('Ejected service URL').fill('http://shop-service:3000');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Service URL saved to the draft')).toBeVisible();
  const toggle = customer.getByRole('switch', { name: 'Serve customer from the ejected service' });
  await expect(toggle).toBeEnabled();
  await toggle.click();
  await expect(customer.getByTestId('entity-ejected')).toBeVisible();
  await expect(page.getByText('serves customer')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('1-ejected.png'), fullPage: true });

  await page.getByRole('tab', { name: 'Plan & publish' }).click();
  const notice = page.getByRole('status', { name: 'Regenerate the service' });
  await expect(notice).toContainText('customer is served by the project');
  await expect(page.getByTestId('plan-step')).toHaveCount(0);
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('Published version 2')).toBeVisible();

  await page.getByRole('tab', { name: 'Versions' }).click();
  await page.getByRole('button', { name: 'Changes' }).first().click();
  await expect(page.getByText('Entity customer is served by the ejected service')).toBeVisible();
  await expect(page.getByText('The ejected service is at http://shop-service:3000')).toBeVisible();
  await context.close();
});
