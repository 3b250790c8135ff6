/**
 * A business user's walk through a freshly published model's generated data pages: the menu,
 * dialogs with a relation picker, validation, filters, inline edit, bulk delete and export,
 * and a viewer who may only read.
 */
import { readFileSync } from 'node:fs';

import { expect, test } from '@playwright/test';

import { e2eEnv } from './env';
import { sessionToken, E2E_ADMIN, signIn } from './fixtures';
import { openFromMenu, publishStore, VIEWER } from './store';

test.describe.configure({ mode: 'serial' });

test.beforeAll(({ request }) => publishStore(request));

test('a business user works with orders and customers on generated pages', async ({
  page,
}, testInfo) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await openFromMenu(page, 'order');
  await expect(page).toHaveURL(/\/data\/store\/order$/);
  await expect(page.locator('.amis-host tbody tr').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('1-orders.png'), fullPage: true });

  // A new customer through the generated dialog.
  await openFromMenu(page, 'Customer');
  await page.getByRole('button', { name: 'New Customer' }).click();
  const dialog = page.locator('.cxd-Modal');
  await dialog.locator('input[name="name"]').fill('Grace Hopper');
  await dialog.locator('input[name="email"]').fill('grace@example.com');
  await page.screenshot({ path: testInfo.outputPath('2-new-customer.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.locator('.amis-host tbody')).toContainText('Grace Hopper');

  // A value only the server can judge: an email already taken, shown beside its field.
  await page.getByRole('button', { name: 'New Customer' }).click();
  await dialog.locator('input[name="name"]').fill('Grace Again');
  await dialog.locator('input[name="email"]').fill('grace@example.com');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  const emailItem = dialog
    .locator('.cxd-Form-item')
    .filter({ has: page.locator('input[name="email"]') });
  await expect(emailItem.locator('.cxd-Form-feedback')).toContainText('Already in use');
  await expect(page.getByText('Changed by someone else')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('2b-email-taken.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // A new order, its customer picked by searching.
  await openFromMenu(page, 'order');
  await page.getByRole('button', { name: 'New order' }).click();
  await dialog.locator('input[name="total"]').fill('-5');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  const totalItem = dialog
    .locator('.cxd-Form-item')
    .filter({ has: page.locator('input[name="total"]') });
  await expect(totalItem.locator('.cxd-Form-feedback')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('3-validation.png'), fullPage: true });
  await dialog.locator('input[name="total"]').fill('42');
  const customerItem = dialog.locator('.cxd-Form-item').filter({ hasText: 'customer' });
  await customerItem.locator('.cxd-Select').click();
  await page.getByPlaceholder('Input to search').fill('Grace');
  await page.locator('.cxd-Select-option', { hasText: 'Grace Hopper' }).click();
  const statusItem = dialog.locator('.cxd-Form-item').filter({ hasText: 'status' });
  await statusItem.locator('.cxd-Select').click();
  await page.locator('.cxd-Select-option', { hasText: 'shipped' }).click();
  await page.screenshot({ path: testInfo.outputPath('4-new-order.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();
  const rows = page.locator('.amis-host tbody tr');
  await expect(rows.first()).toContainText('42');
  await expect(rows.first()).toContainText('shipped');
  // The customer column names the customer.
  await expect(rows.first()).toContainText('Grace Hopper');

  // Filter by status.
  const filter = page.locator('.cxd-Crud-filter, form').filter({ hasText: 'Search' }).first();
  const filterItem = (label: string) =>
    filter.locator('.cxd-Form-item').filter({ has: page.getByText(label, { exact: true }) });
  await filterItem('status').locator('.cxd-Select').click();
  await page.locator('.cxd-Select-option', { hasText: 'paid' }).locator('.cxd-Checkbox').click();
  await expect(filterItem('status')).toContainText('paid');
  const overlay = page.locator('.cxd-PopOver-overlay');
  if (await overlay.isVisible()) await overlay.click(); // click outside to close the list
  await filter.getByRole('button', { name: 'Search' }).click();
  await expect(rows).toHaveCount(12);
  await expect(rows.filter({ hasText: 'new' })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('5-filtered.png'), fullPage: true });

  // Edit a total inline: saved at once.
  await rows.first().locator('.cxd-Field-quickEditBtn').first().click();
  const popover = page.locator('.cxd-PopOver').filter({ has: page.locator('input[name="total"]') });
  await popover.locator('input[name="total"]').fill('99');
  await popover.getByRole('button', { name: 'Confirm' }).click();
  await expect(rows.first()).toContainText('99');
  await page.screenshot({ path: testInfo.outputPath('6-inline-edit.png'), fullPage: true });
  await page.reload();
  await expect(rows.filter({ hasText: /^99paid/ })).toHaveCount(1);

  // Delete two rows at once.
  await rows
    .filter({ hasText: /^32new/ })
    .locator('.cxd-Checkbox')
    .click();
  await rows
    .filter({ hasText: /^31paid/ })
    .locator('.cxd-Checkbox')
    .click();
  await page.getByRole('button', { name: 'Delete selected' }).click();
  await page.screenshot({ path: testInfo.outputPath('7-bulk-delete.png'), fullPage: true });
  await page.locator('.cxd-Modal').getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText('1 of 2 total: 24.')).toBeVisible();
  await expect(rows.filter({ hasText: /^3[12](new|paid)/ })).toHaveCount(0);

  // Export CSV: a download, the page stays.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  const csv = readFileSync(await file.path(), 'utf8');
  expect(csv.split('\n')[0]).toContain('total');
  expect(csv).toContain(',99,paid,');
  await expect(page).toHaveURL(/\/data\/store\/order$/);
});

test('details show related rows, a stale edit offers a reload, a bad import names its lines', async ({
  page,
}, testInfo) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const runtime = e2eEnv().E2E_RUNTIME_URL!;
  const token = await sessionToken(page.request, E2E_ADMIN.email, E2E_ADMIN.password);
  const headers = { authorization: `Bearer ${token}` };

  // A customer's orders, in the detail drawer.
  await openFromMenu(page, 'Customer');
  const rows = page.locator('.amis-host tbody tr');
  await rows.filter({ hasText: 'Ada Lovelace' }).getByRole('button', { name: 'Details' }).click();
  const drawer = page.locator('.cxd-Drawer');
  await expect(drawer).toContainText('orders (order)');
  await expect(drawer.locator('tbody tr').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('7a-details.png'), fullPage: true });
  await drawer.locator('.cxd-Drawer-close').click();

  // Someone else changes the order while it is open for editing.
  await openFromMenu(page, 'order');
  // The orders' table, not the customers' one still on screen for a moment.
  await expect(page.locator('.amis-host thead').first()).toContainText('total');
  await rows.first().getByRole('button', { name: 'Edit' }).click();
  const dialog = page.locator('.cxd-Modal');
  await expect(dialog.locator('input[name="total"]')).toHaveValue(/\d/);
  const list = await page.request.get(`${runtime}/api/v1/store/order?perPage=1`, { headers });
  const first = ((await list.json()) as { data: { items: { id: string }[] } }).data.items[0]!;
  const meanwhile = await page.request.put(`${runtime}/api/v1/store/order/${first.id}`, {
    headers,
    data: { total: 55 },
  });
  expect(meanwhile.status()).toBe(200);
  await dialog.locator('input[name="total"]').fill('77');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  const conflict = page
    .locator('[data-sonner-toast]')
    .filter({ hasText: 'Changed by someone else' });
  await expect(conflict).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('7b-conflict.png'), fullPage: true });
  await conflict.getByRole('button', { name: 'Reload' }).click();
  await expect(dialog).toBeHidden();
  await expect(rows.first()).toContainText('55');

  // An import with a bad line imports nothing and says which line.
  await page.getByRole('button', { name: 'Import CSV' }).click();
  await dialog.locator('input[type="file"]').setInputFiles({
    name: 'orders.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('total,status\n5,new\n6,lost\n'),
  });
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toContainText('line 3');
  await page.screenshot({ path: testInfo.outputPath('7c-import.png'), fullPage: true });
});

test('a viewer reads orders but finds no create, edit or delete', async ({ page }, testInfo) => {
  await signIn(page, VIEWER.email, VIEWER.password);
  await openFromMenu(page, 'order');
  const rows = page.locator('.amis-host tbody tr');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export CSV' })).toBeVisible();
  for (const name of ['New order', 'Import CSV', 'Delete selected', 'Edit', 'Delete'])
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
  await expect(page.locator('.amis-host .cxd-Field-quickEditBtn')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('8-viewer.png'), fullPage: true });
});

test('an administrator edits the orders page, previews it, saves, and restores a version', async ({
  page,
}, testInfo) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await openFromMenu(page, 'order');
  await page.getByRole('button', { name: 'Edit page' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit page' });
  const check = dialog.getByRole('status', { name: 'Page check' });
  await expect(check).toHaveText('Valid amis, and nothing a page may not hold');
  // The page as generated, edited as a whole: a new title and a friendlier column label.
  const token = await sessionToken(page.request, E2E_ADMIN.email, E2E_ADMIN.password);
  const source = await page.request.get(
    `/api/trpc/page.source?input=${encodeURIComponent(JSON.stringify({ json: { project: 'store', entity: 'order' } }))}`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  const generated = ((await source.json()) as { result: { data: { json: { page: any } } } }).result
    .data.json.page;
  const edited = structuredClone(generated);
  edited.title = 'Orders desk';
  edited.body[0].columns.find((c: { name?: string }) => c.name === 'status').label = 'State';
  const editor = dialog.getByRole('textbox', { name: 'Page JSON' });
  const replace = async (text: string) => {
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText(text);
  };
  await replace('{"type": "crud"}');
  await expect(check).toContainText('top level is a "page"');
  await expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled();
  await replace(JSON.stringify(edited, null, 2));
  await expect(check).toHaveText('Valid amis, and nothing a page may not hold');
  await dialog.getByRole('tab', { name: 'Preview' }).click();
  const preview = dialog.getByTestId('page-preview');
  await expect(preview).toContainText('Orders desk');
  await page.screenshot({ path: testInfo.outputPath('11-page-preview.png'), fullPage: true });
  // A delete in the preview is not sent: the row is still there afterwards.
  const previewRows = preview.locator('tbody tr');
  const rowCount = await previewRows.count();
  const firstTotal = await previewRows.first().locator('td').nth(1).innerText();
  await previewRows.first().getByRole('button', { name: 'Delete', exact: true }).click();
  await page.locator('.cxd-Modal').getByRole('button', { name: 'Confirm' }).click();
  await expect(
    page.getByText('This is a preview: nothing is saved or deleted here.'),
  ).toBeVisible();
  await expect(previewRows).toHaveCount(rowCount);
  await expect(previewRows.first().locator('td').nth(1)).toHaveText(firstTotal);
  await dialog.getByRole('tab', { name: 'JSON' }).click();
  await dialog.getByLabel('Note').fill('Friendlier labels');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved as version 1')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  const host = page.locator('.amis-host');
  await expect(host).toContainText('Orders desk');
  await expect(host.locator('thead').first()).toContainText('State');
  await page.screenshot({ path: testInfo.outputPath('12-page-edited.png'), fullPage: true });

  // Back to the generated page, then the edited version again from the history.
  await page.getByRole('button', { name: 'Edit page' }).click();
  await dialog.getByRole('button', { name: 'Back to generated' }).click();
  await expect(page.getByText('Back to the generated page').first()).toBeVisible();
  await dialog.getByRole('tab', { name: 'Versions' }).click();
  const versions = dialog.getByRole('row');
  await expect(versions.nth(1)).toContainText('Back to the generated page');
  await versions
    .filter({ hasText: 'Friendlier labels' })
    .getByRole('button', { name: 'Restore' })
    .click();
  await expect(page.getByText('Restored as version 3')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(host).toContainText('Orders desk');

  // A viewer sees the edited page but no editor.
  await page.context().clearCookies();
  await signIn(page, VIEWER.email, VIEWER.password);
  await openFromMenu(page, 'order');
  await expect(page.locator('.amis-host')).toContainText('Orders desk');
  await expect(page.getByRole('button', { name: 'Edit page' })).toHaveCount(0);
});

test("the audit log shows the walk-through's data changes beside platform ones", async ({
  page,
}, testInfo) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Audit log' })
    .click();
  await page.getByRole('radio', { name: 'Data' }).click();
  const rows = page.getByTestId('audit-row');
  await expect(rows.first()).toContainText('data.');
  await expect(rows.filter({ hasText: 'schema.publish' })).toHaveCount(0);
  const edit = rows.filter({ hasText: 'data.update' }).filter({ hasText: 'store.order' }).first();
  await expect(edit).toContainText(E2E_ADMIN.email);
  await edit.getByRole('button', { name: 'Show changes' }).click();
  // The diff: the total and version before and after the change.
  const diff = page
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Before' }) })
    .last(); // the diff's own table, inside the log's
  await expect(diff.getByRole('row').filter({ hasText: 'total' })).toHaveCount(1);
  await expect(diff.getByRole('row').filter({ hasText: 'version' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'data.delete' })).toHaveCount(2);
  await page.screenshot({ path: testInfo.outputPath('10-audit.png'), fullPage: true });
  await page.getByRole('radio', { name: 'Platform' }).click();
  await expect(rows.filter({ hasText: 'schema.publish' }).first()).toBeVisible();
  await expect(rows.filter({ hasText: 'data.' })).toHaveCount(0);
});
