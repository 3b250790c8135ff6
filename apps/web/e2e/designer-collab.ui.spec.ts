/**
 * Two modelers in the designer on one project: each sees the other's edits and presence, and a
 * conflicting edit is resolved.
 */
import { expect, test } from '@playwright/test';

import { newEntity, node, openDesigner, signedInPage } from './designer-page';
import { attempt, E2E_ADMIN, sessionToken, trpcMutation } from './fixtures';

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
