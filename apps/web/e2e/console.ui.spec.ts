import { expect, test } from '@playwright/test';

import { E2E_ADMIN, sidebarLinks, signIn, signOut } from './fixtures';

test('an admin creates a viewer, who then sees only the menus a viewer may see', async ({
  page,
}, testInfo) => {
  const viewer = {
    email: `viewer-${Date.now()}@e2e.tessera.dev`,
    name: 'Vera Viewer',
    password: 'viewer-password-1',
  };

  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  expect(await sidebarLinks(page)).toEqual(
    expect.arrayContaining([
      'Home',
      'Users',
      'Roles',
      'Menus',
      'Configuration',
      'Audit log',
      'Code generation',
      'Templates',
    ]),
  );
  await page.screenshot({ path: testInfo.outputPath('1-admin-home.png') });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await page.getByRole('button', { name: 'New user' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Email').fill(viewer.email);
  await dialog.getByLabel('Name').fill(viewer.name);
  await dialog.getByLabel('Password').fill(viewer.password);
  await dialog.getByRole('group', { name: 'Roles' }).getByText('Viewer').click();
  await page.screenshot({ path: testInfo.outputPath('2-new-user-dialog.png') });
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByText('User created')).toBeVisible();
  const row = page.getByTestId('user-row').filter({ hasText: viewer.email });
  await expect(row).toContainText('viewer');
  await expect(row).toContainText('active');
  await page.screenshot({ path: testInfo.outputPath('3-users.png') });
  await signOut(page);

  await signIn(page, viewer.email, viewer.password);
  const links = await sidebarLinks(page);
  // Besides their own pages, a viewer sees only data pages (of projects other specs published).
  const dataPages = await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('group', { name: 'Data' })
    .getByRole('link')
    .allInnerTexts();
  expect(links.filter((l) => !dataPages.includes(l))).toEqual(['Home', 'Profile', 'API tokens']);
  await page.screenshot({ path: testInfo.outputPath('4-viewer-home.png') });

  // The server refuses what the sidebar hides.
  await page.goto('/admin/users');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('You do not have access');

  await page.goto('/');
  await signOut(page);
  await page.goto('/admin/users');
  await expect(page).toHaveURL(/\/login$/);
});

test('a wrong password shows an error and no session', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(E2E_ADMIN.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('login-error')).toHaveText('Wrong email or password');
  expect(
    (await page.context().cookies()).find((c) => c.name === 'tessera_session'),
  ).toBeUndefined();
});

test('links are prefetched when pointed at, not all at every page load', async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const prefetched: string[] = [];
  // The home page lists a card for every page in the sidebar as well.
  page.on('request', (request) => {
    if (request.headers()['next-router-prefetch'] && request.headers()['next-url'] === '/')
      prefetched.push(new URL(request.url()).pathname);
  });
  await page.goto('/');
  await expect(page.getByRole('main').getByRole('link', { name: 'Users' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(prefetched).toEqual([]);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Roles' }).hover();
  await expect.poll(() => prefetched).toContain('/admin/roles');
  await page.getByRole('main').getByRole('link', { name: 'Menus' }).hover();
  await expect.poll(() => prefetched).toContain('/admin/menus');
  expect(prefetched).not.toContain('/admin/users');
});

test.describe('in another time zone', () => {
  test.use({ timezoneId: 'Asia/Shanghai' });

  test('the browser tells the console its time zone, for what the server renders ahead', async ({
    page,
    context,
  }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await expect
      .poll(async () => (await context.cookies()).find((c) => c.name === 'tz')?.value)
      .toBe(encodeURIComponent('Asia/Shanghai'));
  });
});
