import { expect, test } from '@playwright/test';

import { e2eEnv } from './env';
import { signOut } from './fixtures';

test('with no user yet, the console offers one-time setup of the first administrator', async ({
  page,
}, testInfo) => {
  const base = e2eEnv().E2E_SETUP_URL!;
  await page.goto(`${base}/`);
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Set up Tessera' })).toBeVisible();

  await page.getByLabel('Name').fill('First Admin');
  await page.getByLabel('Email').fill('first@setup.tessera.dev');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByLabel('Confirm password').fill('shorter');
  await expect(page.getByText('The passwords differ')).toBeVisible();
  await page.getByLabel('Confirm password').fill('short');
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await expect(page.getByText('Password must be at least 8 characters').first()).toBeVisible();

  await page.getByLabel('Password', { exact: true }).fill('first-admin-password');
  await page.getByLabel('Confirm password').fill('first-admin-password');
  await page.screenshot({ path: testInfo.outputPath('setup.png') });
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, First Admin' })).toBeVisible();
  await expect(page.getByTestId('role-badge')).toHaveText(['admin']);

  // The screen is gone once an account exists.
  await signOut(page);
  await page.goto(`${base}/setup`);
  await expect(page).toHaveURL(/\/login$/);
});
