/** Accounts and helpers shared by the end-to-end specs. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
  type APIRequestContext,
  type Browser,
  type BrowserContextOptions,
  expect,
  type Page,
  type TestInfo,
} from '@playwright/test';
import { SESSION_COOKIE } from '@tessera/auth';

/** The shop model document (YAML), as the meta package's fixture has it. */
export const SHOP_YAML = readFileSync(
  path.resolve(import.meta.dirname, '../../../packages/meta/src/fixtures/shop.yaml'),
  'utf8',
);

/** A name for this attempt: a retry must not meet what the failed attempt created. */
export const attempt = (name: string, info: TestInfo) =>
  info.retry ? `${name}${info.retry}` : name;

export const E2E_ADMIN = {
  email: 'admin@e2e.tessera.dev',
  password: 'e2e-admin-password',
} as const;

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
}

export async function sidebarLinks(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();
}

/** A bearer token for `email`, from the console's token endpoint. */
export async function bearerToken(request: APIRequestContext, email: string, password: string) {
  const res = await request.post('/api/auth/token', { data: { email, password } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

const sessions = new Map<string, Promise<string>>();

/**
 * A session token for `email`, signed in once per test worker: every sign-in counts against
 * the address's login budget (30 in 15 minutes), which the whole suite shares.
 */
export function sessionToken(request: APIRequestContext, email: string, password: string) {
  let token = sessions.get(email);
  if (!token) {
    token = bearerToken(request, email, password);
    sessions.set(email, token);
    token.catch(() => sessions.delete(email));
  }
  return token;
}

/** A browser context signed in with `token` (as the session cookie), without a sign-in. */
export async function contextWithSession(
  browser: Browser,
  baseURL: string,
  token: string,
  options: BrowserContextOptions = {},
) {
  const context = await browser.newContext(options);
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseURL }]);
  return context;
}

/** Calls a tRPC mutation of the console over HTTP (superjson envelope) and returns its data. */
export async function trpcMutation<T = unknown>(
  request: APIRequestContext,
  token: string,
  procedure: string,
  input: unknown,
): Promise<T> {
  const res = await request.post(`/api/trpc/${procedure}`, {
    headers: { authorization: `Bearer ${token}` },
    data: { json: input },
  });
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: unknown };
  expect(res.status(), JSON.stringify(body.error)).toBe(200);
  return body.result!.data.json;
}
