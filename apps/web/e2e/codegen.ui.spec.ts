/**
 * Code generation in the console: a team lead changes a template, previews it for an entity,
 * and the next generation uses it; the file tree, a file and its changes, a generation with its
 * progress bar, the zip downloaded and opened; a broken template is reported with its template
 * and line, and changes nothing.
 */
import { readFile } from 'node:fs/promises';

import { expect, type Page, test, type TestInfo } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';

import {
  attempt,
  contextWithSession,
  E2E_ADMIN,
  SHOP_YAML,
  sessionToken,
  trpcMutation,
} from './fixtures';

/** Puts the cursor at the start of the template and inserts `text` there. */
async function insertAtStart(page: Page, name: string, text: string) {
  const editor = page.getByLabel(`Template ${name}`);
  await editor.click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.insertText(text);
}

async function downloadZip(page: Page, info: TestInfo, link: ReturnType<Page['getByRole']>) {
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const file = info.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  return {
    name: download.suggestedFilename(),
    zip: unzipSync(new Uint8Array(await readFile(file))),
  };
}

test('a template change is previewed, generated, downloaded; a broken one changes nothing', async ({
  browser,
  request,
  baseURL,
}, testInfo) => {
  test.setTimeout(240_000);
  const project = attempt('forge', testInfo);
  const token = await sessionToken(request, E2E_ADMIN.email, E2E_ADMIN.password);
  await trpcMutation(request, token, 'schema.import', {
    project,
    document: SHOP_YAML.replace('project: shop', `project: ${project}`),
  });
  await trpcMutation(request, token, 'schema.publish', { project, confirm: [] });
  const context = await contextWithSession(browser, baseURL!, token, {
    viewport: { width: 1500, height: 950 },
    acceptDownloads: true,
  });
  const page = await context.newPage();

  // Both pages are in the menu.
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Code generation' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Templates' })).toBeVisible();

  // The team lead edits the entity service template and previews it for `order`.
  const SERVICE = 'entity/service.ts';
  await page.goto(`/codegen/templates?project=${project}&target=nestjs-prisma&template=${SERVICE}`);
  // The editor highlights the output's language and marks the template's mustaches.
  const editor = page.getByLabel(`Template ${SERVICE}`);
  await expect(editor.locator('.cm-mustache').first()).toHaveText('{{code}}');
  // Highlighted text is wrapped in its own span: the keyword `import` is one.
  await expect(editor.locator('.cm-line span', { hasText: /^import$/ }).first()).toBeVisible();
  const output = page.getByLabel('Preview output');
  await expect(output).toContainText('Service');
  await page.getByRole('combobox', { name: 'Preview entity' }).click();
  await page.getByRole('option', { name: 'order', exact: true }).click();
  await expect(output).toContainText('class OrderService');
  await insertAtStart(page, SERVICE, '// House style: {{model}} belongs to the shop team.\n');
  await expect(output).toContainText('// House style: Order belongs to the shop team.');
  await page.getByLabel('Note').fill('house style');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved as version 1')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Templates' }).getByText('edited v1')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Template versions' })).toContainText(
    'house style',
  );
  // What the version changed, against the built-in template.
  const versions = page.getByRole('region', { name: 'Template versions' });
  await versions.getByRole('button', { name: 'Changes in v1' }).click();
  await expect(versions.getByText('1 change(s) from the built-in template')).toBeVisible();
  await expect(versions.locator('[data-diff="added"]')).toContainText(
    '+ // House style: {{model}} belongs to the shop team.',
  );
  // The editor holds what was saved, nothing unsaved.
  await expect(page.getByLabel(`Template ${SERVICE}`)).toContainText('// House style: {{model}}');
  await expect(page.getByText('unsaved')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('1-template.png') });

  // The code generation page shows the files that would be written, the template's output in them.
  await page.goto(`/codegen?project=${project}`);
  const tree = page.getByRole('tree', { name: 'NestJS + Prisma service files' });
  await expect(tree.getByRole('treeitem', { name: 'src/order/order.service.ts' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText('No generation yet: every file is new')).toBeVisible();
  await tree.getByRole('treeitem', { name: 'src/order/order.service.ts' }).click();
  await expect(page.getByLabel('File content')).toContainText(
    '// House style: Order belongs to the shop team.',
  );

  // Generating shows its progress, then offers the zip.
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(page.getByTestId('codegen-progress')).toBeVisible();
  const done = page.getByRole('status', { name: 'Generation done' });
  await expect(done).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: testInfo.outputPath('2-generated.png') });
  const first = await downloadZip(page, testInfo, done.getByRole('link', { name: 'Download zip' }));
  expect(first.name).toMatch(new RegExp(`^${project}-v1-\\d{14}\\.zip$`));
  expect(strFromU8(first.zip['nestjs-prisma/src/order/order.service.ts']!)).toContain(
    '// House style: Order belongs to the shop team.',
  );
  expect(JSON.parse(strFromU8(first.zip['nestjs-prisma/.tessera/manifest.json']!))).toMatchObject({
    project,
    version: 1,
    target: 'nestjs-prisma',
  });
  const history = page.getByRole('region', { name: 'Generations' });
  await expect(history.getByRole('row')).toHaveCount(2);
  await expect(history).toContainText('service.ts v1');
  await expect(history).toContainText('succeeded');

  // A template error shows its template and line in the preview; a type error fails the run.
  const BASE = 'entity/base/service.base.ts';
  await page.goto(`/codegen/templates?project=${project}&target=nestjs-prisma&template=${BASE}`);
  await expect(page.getByLabel('Preview output')).toContainText('ServiceBase');
  await insertAtStart(page, BASE, '{{#each fields}}\n');
  const templateError = page.getByRole('alert', { name: 'Template error' });
  await expect(templateError).toContainText(BASE);
  await expect(templateError).toContainText(/line \d+/);
  await page.getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByLabel('Preview output')).toContainText('ServiceBase');
  await insertAtStart(page, BASE, "const pageSize: number = 'twenty';\nvoid pageSize;\n");
  await expect(page.getByLabel('Preview output')).toContainText(
    "const pageSize: number = 'twenty'",
  );
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved as version 1')).toBeVisible();

  await page.goto(`/codegen?project=${project}`);
  const planError = page.getByRole('alert', { name: 'Generation failed' });
  await expect(planError).toContainText('no longer type-checks', { timeout: 30_000 });
  await expect(planError).toContainText(BASE);
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(history.getByRole('row')).toHaveCount(3, { timeout: 60_000 });
  await expect(history.getByRole('row').nth(1)).toContainText('failed');
  await expect(page.getByText('Nothing was replaced').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('3-broken-template.png') });
  // The last good generation is still there, as it was.
  const again = await downloadZip(
    page,
    testInfo,
    history.getByRole('row').nth(2).getByRole('link', { name: 'Download' }),
  );
  expect(Object.keys(again.zip).sort()).toEqual(Object.keys(first.zip).sort());
  expect(strFromU8(again.zip['nestjs-prisma/src/order/base/order.service.base.ts']!)).not.toContain(
    'twenty',
  );
  await context.close();
});
