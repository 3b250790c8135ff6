/**
 * The designer, served by the console's production build under /designer/: a modeler builds a
 * model from nothing with mouse and keyboard, publishes it and finds its data page; two
 * modelers edit one project, one conflicting edit resolved; a reader cannot edit.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
  type APIRequestContext,
  type Browser,
  expect,
  type Page,
  test,
  type TestInfo,
} from '@playwright/test';

import { contextWithSession, E2E_ADMIN, sessionToken, trpcMutation } from './fixtures';

const SHOP_YAML = readFileSync(
  path.resolve(import.meta.dirname, '../../../packages/meta/src/fixtures/shop.yaml'),
  'utf8',
);

/** A name for this attempt: a retry must not meet what the failed attempt created. */
const attempt = (name: string, info: TestInfo) => (info.retry ? `${name}${info.retry}` : name);

const node = (page: Page, code: string) =>
  page.locator(`.react-flow__node-entity:has([data-entity="${code}"])`);

async function openDesigner(page: Page, project: string) {
  await page.goto(`/designer/${project}`);
  await expect(page.getByTestId('project')).toHaveText(project);
  await expect(page.getByTestId('status')).toHaveText('saved');
}

/** N, then the code typed into the inspector. */
async function newEntity(page: Page, code: string) {
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('n');
  const codeInput = page.getByRole('region', { name: /^Entity entity_/ }).getByLabel('Code');
  await codeInput.fill(code);
  await codeInput.press('Enter');
  await expect(node(page, code)).toBeVisible();
}

async function addField(page: Page, entity: string, code: string, type: string) {
  const box = node(page, entity);
  // The form stays open after a field is added, for the next one.
  const open = box.getByRole('button', { name: '+ field' });
  if (await open.isVisible()) await open.click();
  await box.getByLabel('New field code').fill(code);
  await box.getByLabel('New field type').selectOption(type);
  await box.getByLabel('New field code').press('Enter');
  await expect(box.locator(`[data-field="${code}"]`)).toBeVisible();
}

/** Drags from one entity's ⊕ handle onto another entity's id handle. */
async function relate(page: Page, from: string, to: string) {
  const start = await node(page, from).locator('.new-relation').boundingBox();
  const end = await node(page, to).locator('.pk-in').boundingBox();
  await page.mouse.move(start!.x + start!.width / 2, start!.y + start!.height / 2);
  await page.mouse.down();
  await page.mouse.move(end!.x + 10, end!.y + 4, { steps: 12 });
  await page.mouse.move(end!.x + end!.width / 2, end!.y + end!.height / 2, { steps: 4 });
  await page.mouse.up();
}

/** A page signed in as `email` (its session set as the cookie: no sign-in spent). */
async function signedInPage(
  browser: Browser,
  request: APIRequestContext,
  baseURL: string,
  email: string,
  password: string,
) {
  const token = await sessionToken(request, email, password);
  const context = await contextWithSession(browser, baseURL, token, {
    viewport: { width: 1400, height: 900 },
  });
  return context.newPage();
}

test('a modeler builds a model from nothing in the designer, publishes it and finds its data page', async ({
  page,
  request,
}, testInfo) => {
  const studio = attempt('studio', testInfo);
  const token = await sessionToken(request, E2E_ADMIN.email, E2E_ADMIN.password);
  await trpcMutation(request, token, 'project.create', { code: studio, name: 'Studio' });

  // Signed out, the designer sends you to the console's sign-in and back.
  await page.goto(`/designer/${studio}`);
  await expect(page).toHaveURL(new RegExp(`/login\\?next=%2Fdesigner%2F${studio}$`));
  // Typed once the sign-in page is live (before hydration, React would clear the inputs).
  await expect(async () => {
    await page.getByLabel('Email').fill(E2E_ADMIN.email);
    await page.getByLabel('Password').fill(E2E_ADMIN.password);
    await expect(page.getByLabel('Email')).toHaveValue(E2E_ADMIN.email, { timeout: 500 });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(new RegExp(`/designer/${studio}$`), { timeout: 3000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId('status')).toHaveText('saved');

  await newEntity(page, 'customer');
  await addField(page, 'customer', 'name', 'string');
  await addField(page, 'customer', 'email', 'email');
  await newEntity(page, 'order');
  await addField(page, 'order', 'total', 'decimal');
  await addField(page, 'order', 'status', 'enum');
  // A type's parameters and a default, in the side panel.
  await node(page, 'order').locator('[data-field="status"]').click();
  const status = page.getByRole('region', { name: 'Field order.status' });
  await status.getByLabel('Options (comma-separated)').fill('new, paid, shipped');
  await status.getByLabel('Options (comma-separated)').press('Enter');
  await status.getByLabel('Default').fill('nope');
  await expect(status.getByRole('alert')).toContainText('default');
  await status.getByLabel('Default').fill('new');
  await status.getByLabel('Default').press('Enter');
  await expect(node(page, 'order').locator('[data-field="status"]')).toContainText('enum[3]');
  await expect(node(page, 'order').locator('[data-field="status"]')).toContainText('= "new"');
  // What publishing would refuse is refused while typing.
  const box = node(page, 'order');
  await box.getByLabel('New field code').fill('total');
  await expect(box.getByText("Field 'total' is defined twice in 'order'")).toBeVisible();
  await box.getByLabel('New field code').press('Escape');

  // Move the order away so the drag has room, then relate order → customer.
  const orderHeader = node(page, 'order').locator('header');
  const at = await orderHeader.boundingBox();
  await page.mouse.move(at!.x + 40, at!.y + 10);
  await page.mouse.down();
  await page.mouse.move(at!.x + 40, at!.y + 260, { steps: 10 });
  await page.mouse.up();
  await relate(page, 'order', 'customer');
  const dialog = page.getByRole('dialog', { name: 'New relation' });
  await expect(dialog.getByLabel('Code')).toHaveValue('order_customer');
  await dialog.getByLabel('On delete').selectOption('cascade');
  await dialog.getByRole('button', { name: 'Create relation' }).click();
  await expect(node(page, 'order').locator('[data-field="customer"]')).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);

  // Undo and redo the relation, as edits of their own.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await expect(page.getByTestId('status')).toHaveText('saved');

  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Help' })).toContainText('Undo your last edit');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Help' }).getByRole('button', { name: 'Close' }).click();

  await page.keyboard.press('l');
  await page.screenshot({ path: testInfo.outputPath('1-designer-model.png') });

  // The customer's generated page, on sample rows, follows its fields; nothing is written.
  await node(page, 'customer').locator('header').click();
  await page.getByRole('tab', { name: 'Page' }).click();
  const preview = page.getByTestId('page-preview');
  await expect(preview.locator('tbody tr').first()).toContainText('Amber name 1');
  await addField(page, 'customer', 'phone', 'string');
  await expect(preview.locator('thead').first()).toContainText('phone');
  await page.screenshot({ path: testInfo.outputPath('1b-page-preview.png') });
  await page.getByRole('tab', { name: 'Selection' }).click();

  // A reload shows what was saved.
  await page.reload();
  await expect(node(page, 'order').locator('[data-field="customer"]')).toBeVisible();

  await page.getByRole('tab', { name: 'Plan & publish' }).click();
  const plan = page.getByRole('region', { name: 'Plan and publish' });
  await expect(plan.getByText(`Create schema ${studio}`)).toBeVisible();
  await plan.getByRole('button', { name: 'Publish' }).click();
  await expect(plan.getByText(/Published version 1/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('2-designer-published.png') });

  // Deleting a field with data to lose: the plan asks to confirm, pinned on the entity.
  await node(page, 'customer').locator('[data-field="email"]').click();
  await page.keyboard.press('Delete');
  await expect(node(page, 'customer').locator('[data-field="email"]')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Plan & publish' }).click();
  const drop = plan.locator('[data-risk="needs-confirmation"]');
  await expect(drop).toContainText('Remove field customer.email');
  await expect(node(page, 'customer').locator('.risk')).toHaveText('confirm');
  await expect(plan.getByRole('button', { name: 'Publish' })).toBeDisabled();
  await drop.getByLabel('Confirm').check();
  await plan.getByRole('button', { name: 'Publish' }).click();
  await expect(plan.getByText(/Published version 2/)).toBeVisible();
  await expect(node(page, 'customer').locator('.risk')).toHaveCount(0);

  // The exports: the diagram as PNG, the model as YAML.
  for (const [format, name] of [
    ['png', `${studio}.png`],
    ['yaml', `${studio}.yaml`],
  ] as const) {
    const download = page.waitForEvent('download');
    await page.getByLabel('Export').selectOption(format);
    const file = await download;
    expect(file.suggestedFilename()).toBe(name);
    const text = readFileSync(await file.path());
    expect(text.length).toBeGreaterThan(format === 'png' ? 5000 : 100);
    if (format === 'yaml') expect(text.toString()).toContain('code: order_customer');
    else expect(text.subarray(1, 4).toString()).toBe('PNG');
  }

  await page.goto(`/data/${studio}/customer`);
  await expect(page.getByRole('heading', { name: /customer/i }).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('3-data-page.png') });
});

test('two modelers edit one project: each sees the other, and a conflicting edit is resolved', async ({
  browser,
  request,
  baseURL,
}, testInfo) => {
  const duo = attempt('duo', testInfo);
  const boEmail = `${attempt('bo', testInfo)}@e2e.tessera.dev`;
  const token = await sessionToken(request, E2E_ADMIN.email, E2E_ADMIN.password);
  await trpcMutation(request, token, 'project.create', { code: duo, name: 'Duo' });
  await trpcMutation(request, token, 'user.create', {
    email: boEmail,
    name: 'Bo',
    password: 'bo-modeler-password',
    roles: ['modeler'],
  });
  const ana = await signedInPage(browser, request, baseURL!, E2E_ADMIN.email, E2E_ADMIN.password);
  const bo = await signedInPage(browser, request, baseURL!, boEmail, 'bo-modeler-password');
  await openDesigner(ana, duo);
  await openDesigner(bo, duo);

  // Ana's new entity appears on Bo's canvas; Bo sees Ana here.
  await newEntity(ana, 'invoice');
  await expect(node(bo, 'invoice')).toBeVisible({ timeout: 3000 });
  await expect(bo.getByLabel('Also here')).toContainText(/admin|Admin/);

  // Bo loses the connection and renames the entity's name; Ana renames it too meanwhile.
  await node(bo, 'invoice').locator('header').click();
  await bo.context().setOffline(true);
  const boName = bo.getByRole('region', { name: 'Entity invoice' }).getByLabel('Name');
  await boName.fill('Bill');
  await boName.press('Enter');
  await expect(bo.getByRole('region', { name: 'Unsaved edits' })).toContainText(
    'set name of invoice',
  );

  await node(ana, 'invoice').locator('header').click();
  const anaName = ana.getByRole('region', { name: 'Entity invoice' }).getByLabel('Name');
  await anaName.fill('Invoice');
  await anaName.press('Enter');
  await expect(ana.getByTestId('status')).toHaveText('saved');

  // Back online, Bo's kept edit meets Ana's: a conflict, shown, with both choices.
  await bo.context().setOffline(false);
  const edits = bo.getByRole('region', { name: 'Unsaved edits' });
  await expect(edits.locator('[data-state="conflict"]')).toBeVisible({ timeout: 15_000 });
  await expect(edits).toContainText('changed name to "Invoice"');
  await expect(node(bo, 'invoice').locator('.entity')).toHaveClass(/has-conflict/);
  await bo.screenshot({ path: testInfo.outputPath('1-conflict.png') });
  await edits.getByRole('button', { name: 'Keep mine' }).click();
  await expect(bo.getByTestId('status')).toHaveText('saved');
  await expect(ana.getByRole('region', { name: 'Entity invoice' }).getByLabel('Name')).toHaveValue(
    'Bill',
    {
      timeout: 3000,
    },
  );
  await ana.screenshot({ path: testInfo.outputPath('2-resolved.png') });
  await ana.context().close();
  await bo.context().close();
});

test('a reader sees the model read-only', async ({ browser, request, baseURL }, testInfo) => {
  const role = attempt('model_reader', testInfo);
  const readerEmail = `${attempt('reader', testInfo)}@e2e.tessera.dev`;
  const token = await sessionToken(request, E2E_ADMIN.email, E2E_ADMIN.password);
  await trpcMutation(request, token, 'role.create', {
    code: role,
    name: `Model reader ${testInfo.retry}`,
    permissions: ['entity:read'],
  });
  await trpcMutation(request, token, 'user.create', {
    email: readerEmail,
    name: 'Reader',
    password: 'reader-password-1',
    roles: [role],
  });
  await trpcMutation(request, token, 'schema.import', {
    project: 'readable',
    document: SHOP_YAML.replace('project: shop', 'project: readable'),
  });
  const page = await signedInPage(browser, request, baseURL!, readerEmail, 'reader-password-1');
  await openDesigner(page, 'readable');
  await expect(page.getByText('read-only')).toBeVisible();
  await expect(node(page, 'customer')).toBeVisible();
  await expect(page.getByRole('button', { name: '+ Entity' })).toHaveCount(0);
  await expect(node(page, 'customer').getByRole('button', { name: '+ field' })).toHaveCount(0);
  await node(page, 'customer').locator('header').click();
  await expect(
    page.getByRole('region', { name: 'Entity customer' }).getByLabel('Code'),
  ).toBeDisabled();
  await page.keyboard.press('n');
  await expect(page.locator('.react-flow__node-entity')).toHaveCount(2);
  await page.getByRole('tab', { name: 'Plan & publish' }).click();
  await expect(page.getByText('Publishing needs the entity:publish permission.')).toBeVisible();
  await page.context().close();
});
