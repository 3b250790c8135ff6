/**
 * The designer, served by the console's production build under /designer/: a modeler builds a
 * model from nothing with mouse and keyboard, publishes it and finds its data page; a reader
 * cannot edit.
 */
import { readFileSync } from 'node:fs';

import { expect, test } from '@playwright/test';

import { addField, newEntity, node, openDesigner, relate, signedInPage } from './designer-page';
import { attempt, E2E_ADMIN, SHOP_YAML, sessionToken, trpcMutation } from './fixtures';

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
