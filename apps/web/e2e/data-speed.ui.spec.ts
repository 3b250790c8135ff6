/**
 * Time to first rows on the orders page (reported in docs/benchmarks.md): after a full page
 * load, and when opened from the menu inside the console.
 */
import { expect, test } from '@playwright/test';

import { E2E_ADMIN, signIn } from './fixtures';
import { openFromMenu, publishStore } from './store';

test.beforeAll(({ request }) => publishStore(request));

test('the first rows of the orders page appear quickly', async ({ page }, testInfo) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const firstRow = page.locator('.amis-host tbody tr td').nth(1);
  const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[2]!;
  // Timed inside the page, frame by frame, from the navigation's start (a poll from the test
  // would add its own interval).
  const rowsShownAt = async (marker: string) =>
    Math.round(
      (await (
        await page.waitForFunction(
          (text) => {
            const body = document.querySelector('.amis-host tbody');
            return body?.textContent?.includes(text) && location.pathname === '/data/store/order'
              ? performance.now()
              : false;
          },
          marker,
          { polling: 'raf' },
        )
      ).jsonValue()) as number,
    );
  // A full page load, the SDK in the browser's cache as it is for anyone who came before.
  await page.goto('/data/store/order');
  await expect(firstRow).toBeVisible();
  const loaded: number[] = [];
  for (let i = 0; i < 5; i++) {
    await page.goto('/');
    await page.goto('/data/store/order', { waitUntil: 'commit' });
    loaded.push(await rowsShownAt('paid'));
  }
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
  const navigated: number[] = [];
  for (let i = 0; i < 5; i++) {
    await openFromMenu(page, 'Customer');
    await expect(page.locator('.amis-host tbody')).toContainText('ada@example.com');
    const started = await page.evaluate(() => performance.now());
    await openFromMenu(page, 'order');
    navigated.push((await rowsShownAt('paid')) - Math.round(started));
  }
  const result = {
    pageLoadMs: { median: median(loaded), samples: loaded, lastLoadPhasesMs: phases },
    fromMenuMs: { median: median(navigated), samples: navigated },
  };
  await testInfo.attach('time-to-first-rows', {
    body: JSON.stringify(result),
    contentType: 'application/json',
  });
  console.log(`time to first rows on the orders page: ${JSON.stringify(result)}`);
  // The target (1.5 s) is reported in docs/benchmarks.md; this only catches a page that hangs.
  expect(result.fromMenuMs.median).toBeLessThan(5_000);
  expect(result.pageLoadMs.median).toBeLessThan(8_000);
});
