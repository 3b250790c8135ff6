import { readFileSync } from 'node:fs';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { E2E_ADMIN, signIn } from './fixtures';

const shop = readFileSync(
  path.resolve(import.meta.dirname, '../../../packages/meta/src/fixtures/shop.yaml'),
  'utf8',
);

test('a modeler imports the shop model, previews the plan, publishes, then adds a field', async ({
  page,
}, testInfo) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Projects' })
    .click();
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();

  await page.getByRole('button', { name: 'Import document' }).click();
  await page.getByRole('dialog').getByLabel('Document', { exact: true }).fill(shop);
  await expect(page.getByRole('dialog').getByLabel('Project', { exact: true })).toHaveValue('shop');
  await page.getByRole('dialog').getByRole('button', { name: 'Import' }).click();

  await expect(page).toHaveURL(/\/modeling\/shop\?tab=publish$/);
  const steps = page.getByTestId('plan-step');
  await expect(steps).toHaveCount(4);
  await expect(steps.first()).toContainText('Create schema shop');
  await page.screenshot({ path: testInfo.outputPath('1-plan.png'), fullPage: true });
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('Published version 1')).toBeVisible();
  await expect(page.getByText('Nothing to publish')).toBeVisible();

  await page.getByRole('tab', { name: 'Entities' }).click();
  const order = page.getByTestId('entity-card').filter({ hasText: 'order' }).first();
  await order.getByRole('button', { name: 'Field' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Code').fill('note');
  await dialog.getByRole('combobox', { name: 'Type' }).click();
  await page.getByRole('option', { name: 'text', exact: true }).click();
  await dialog.getByRole('button', { name: 'Add field' }).click();
  await expect(page.getByText('Field added to the draft')).toBeVisible();
  await expect(order).toContainText('note');
  await expect(order.getByTestId('entity-status')).toHaveText('changed');
  await page.screenshot({ path: testInfo.outputPath('2-entities.png'), fullPage: true });

  await page.getByRole('tab', { name: 'Plan & publish' }).click();
  await expect(page.getByTestId('plan-step')).toHaveCount(1);
  await expect(page.getByTestId('plan-step')).toContainText('Add field order.note (text)');
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('Published version 2')).toBeVisible();

  await page.getByRole('tab', { name: 'Versions' }).click();
  await page.getByRole('button', { name: 'Changes' }).first().click();
  await expect(page.getByText('Added field order.note (text)')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('3-versions.png'), fullPage: true });

  // Data permissions: the viewer may update only its own orders, and only their note.
  await page.getByRole('tab', { name: 'Permissions' }).click();
  await page.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Viewer' }).click();
  await expect(page.getByText('holds data:read')).toBeVisible();
  await page.getByRole('button', { name: 'update order' }).click();
  const grant = page.getByRole('dialog');
  await grant
    .getByLabel('Row filter (optional)')
    .fill('{ "created_by": { "_eq": "$CURRENT_USER" } }');
  await grant.getByText('Every field is writable').click();
  const writable = grant.getByRole('group', { name: 'writable fields' });
  for (const box of await writable.getByRole('checkbox').all()) await box.click();
  await writable.getByText('note', { exact: true }).click();
  await grant.getByRole('button', { name: 'Grant' }).click();
  await expect(page.getByText('Permission saved')).toBeVisible();
  const cell = page.getByRole('button', { name: 'update order' });
  await expect(cell).toHaveText('allowed');
  await expect(page.getByText('1 field', { exact: true })).toBeVisible();
  await expect(page.getByText('rows', { exact: true })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('4-permissions.png'), fullPage: true });
});
