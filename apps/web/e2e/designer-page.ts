/** Driving the designer in the browser: its canvas, its keys, and a signed-in page. */
import { type APIRequestContext, type Browser, expect, type Page } from '@playwright/test';

import { contextWithSession, sessionToken } from './fixtures';

export const node = (page: Page, code: string) =>
  page.locator(`.react-flow__node-entity:has([data-entity="${code}"])`);

export async function openDesigner(page: Page, project: string) {
  await page.goto(`/designer/${project}`);
  await expect(page.getByTestId('project')).toHaveText(project);
  await expect(page.getByTestId('status')).toHaveText('saved');
}

/** N, then the code typed into the inspector. */
export async function newEntity(page: Page, code: string) {
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('n');
  const codeInput = page.getByRole('region', { name: /^Entity entity_/ }).getByLabel('Code');
  await codeInput.fill(code);
  await codeInput.press('Enter');
  await expect(node(page, code)).toBeVisible();
}

export async function addField(page: Page, entity: string, code: string, type: string) {
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
export async function relate(page: Page, from: string, to: string) {
  const start = await node(page, from).locator('.new-relation').boundingBox();
  const end = await node(page, to).locator('.pk-in').boundingBox();
  await page.mouse.move(start!.x + start!.width / 2, start!.y + start!.height / 2);
  await page.mouse.down();
  await page.mouse.move(end!.x + 10, end!.y + 4, { steps: 12 });
  await page.mouse.move(end!.x + end!.width / 2, end!.y + end!.height / 2, { steps: 4 });
  await page.mouse.up();
}

/** A page signed in as `email` (its session set as the cookie: no sign-in spent). */
export async function signedInPage(
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
