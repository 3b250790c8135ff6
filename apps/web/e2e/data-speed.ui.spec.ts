/**
 * Time to first rows on the orders page (reported in docs/benchmarks.md): after a full page
 * load, and when opened from the menu inside the console. Two moments each: the first rows on
 * screen (read ahead on the server and sent with the page), and amis's table in their place,
 * ready to work with.
 */
import { expect, test } from '@playwright/test';

import { E2E_ADMIN, signIn } from './fixtures';
import { openFromMenu, publishStore } from './store';

test.beforeAll(({ request }) => publishStore(request));

test('the first rows of the orders page appear quickly', async ({ page }, testInfo) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const firstRow = page.locator('.amis-host tbody tr td').nth(1);
  const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[2]!;
  const FIRST_ROWS = '[data-first-rows] tbody, .amis-host:not([data-placeholding]) tbody';
  const AMIS_ROWS = '.amis-host:not([data-placeholding]) tbody';
  // Timed inside the page, frame by frame, from the navigation's start (a poll from the test
  // would add its own interval).
  const shownAt = async (selector: string, marker: string) =>
    Math.round(
      (await (
        await page.waitForFunction(
          ([where, text]) =>
            location.pathname === '/data/store/order' &&
            [...document.querySelectorAll(where)].some((body) => body.textContent?.includes(text))
              ? performance.now()
              : false,
          [selector, marker] as const,
          { polling: 'raf' },
        )
      ).jsonValue()) as number,
    );
  const rowsShownAt = async () => ({
    first: await shownAt(FIRST_ROWS, 'paid'),
    amis: await shownAt(AMIS_ROWS, 'paid'),
  });
  // A load reads the related customers once, for the filter's picker, not once more per source.
  const customerReads: string[] = [];
  const countCustomerReads = (request: { url(): string }) => {
    if (/\/api\/v1\/store\/customer\?/.test(request.url())) customerReads.push(request.url());
  };
  page.on('request', countCustomerReads);
  await page.goto('/data/store/order');
  await expect(firstRow).toBeVisible();
  await expect.poll(() => customerReads.length).toBe(1);
  page.off('request', countCustomerReads);
  // The page's HTML carries its first rows, read on the server as this user.
  const html = await (await page.request.get('/data/store/order')).text();
  expect(html).toMatch(/data-first-rows[\s\S]*<td>paid<\/td>/);
  // A full page load, the SDK in the browser's cache as it is for anyone who came before.
  await page.goto('/data/store/order');
  await expect(firstRow).toBeVisible();
  const loaded: { first: number; amis: number }[] = [];
  for (let i = 0; i < 5; i++) {
    await page.goto('/');
    await page.goto('/data/store/order', { waitUntil: 'commit' });
    loaded.push(await rowsShownAt());
  }
  // The early rows were the page's own, and they made way for amis's table.
  await expect(page.locator('[data-first-rows]')).toHaveCount(0);
  await expect(firstRow).toBeVisible();
  // Where the last full load spent its time, from the browser's own timings.
  const phases = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const sdk = resources.find((r) => r.name.endsWith('/amis-sdk/sdk.js'));
    const list = resources.find((r) => /\/api\/v1\/store\/order(\?|$)/.test(r.name));
    const ms = (v: number | undefined) => (v === undefined ? null : Math.round(v));
    return {
      htmlReceived: ms(nav.responseEnd),
      domContentLoaded: ms(nav.domContentLoadedEventEnd),
      sdkReceived: ms(sdk?.responseEnd),
      listRequested: ms(list?.startTime),
      listReceived: ms(list?.responseEnd),
    };
  });
  // From the menu, inside the console: the SDK is already running.
  const navigated: { first: number; amis: number }[] = [];
  for (let i = 0; i < 5; i++) {
    await openFromMenu(page, 'Customer');
    await expect(page.locator('.amis-host tbody')).toContainText('ada@example.com');
    const started = Math.round(await page.evaluate(() => performance.now()));
    await openFromMenu(page, 'order');
    const shown = await rowsShownAt();
    navigated.push({ first: shown.first - started, amis: shown.amis - started });
  }
  const summary = (samples: { first: number; amis: number }[]) => ({
    firstRows: median(samples.map((s) => s.first)),
    amisRows: median(samples.map((s) => s.amis)),
    samples,
  });
  const result = {
    pageLoadMs: { ...summary(loaded), lastLoadPhasesMs: phases },
    fromMenuMs: summary(navigated),
  };
  await testInfo.attach('time-to-first-rows', {
    body: JSON.stringify(result),
    contentType: 'application/json',
  });
  console.log(`time to first rows on the orders page: ${JSON.stringify(result)}`);
  // The target (1.5 s) is reported in docs/benchmarks.md; this only catches a page that hangs.
  expect(result.fromMenuMs.amisRows).toBeLessThan(5_000);
  expect(result.pageLoadMs.amisRows).toBeLessThan(8_000);
});
