/**
 * Hot reload under load: a field published while reads and writes run is served within a
 * second of the publish, and not one request fails on the way.
 */
import { callerAs, testServices } from '@tessera/api/testing';
import { describe, expect, it } from 'vitest';

import { useShopRuntime } from './test/shop-runtime';

const shop = useShopRuntime({ rateLimitPerMinute: 1_000_000, pool: { max: 8 } });

const call = (method: string, path: string, body?: unknown) =>
  fetch(`${shop.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${shop.adminToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('publishing under load', () => {
  it('serves the new field without a restart, and fails no request', async () => {
    const failures: string[] = [];
    let requests = 0;
    let running = true;
    const worker = async (i: number) => {
      while (running) {
        const res =
          i % 3 === 0
            ? await call('POST', '/api/v1/shop/customer', { name: `load ${requests}` })
            : i % 3 === 1
              ? await call('GET', '/api/v1/shop/customer?perPage=5&sort=-created_at')
              : await call('GET', `/api/v1/shop/customer/${shop.adaId}`);
        requests++;
        if (res.status !== 200) failures.push(`${res.status} ${(await res.text()).slice(0, 120)}`);
        else await res.arrayBuffer();
      }
    };
    const load = Promise.all([0, 1, 2, 3, 4, 5].map(worker));
    await new Promise((r) => setTimeout(r, 300));

    const { caller: admin } = await callerAs(testServices(shop.t.db, { databaseUrl: shop.t.url }), [
      'admin',
    ]);
    await admin.model.createField({
      project: 'shop',
      entity: 'customer',
      field: { code: 'nickname', type: 'string', length: 40 },
    });
    const before = requests;
    await admin.schema.publish({ project: 'shop', confirm: [] });
    const published = performance.now();
    let servedAfter = Infinity;
    while (performance.now() - published < 5000) {
      const res = await call('GET', `/api/v1/shop/customer/${shop.adaId}?fields=nickname`);
      if (res.status === 200) {
        servedAfter = performance.now() - published;
        break;
      }
      await res.arrayBuffer();
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 300));
    running = false;
    await load;

    // Served at all, and soon; how soon (the 1 s target) is `pnpm bench`'s to measure.
    expect(servedAfter).toBeLessThan(5000);
    expect(failures).toEqual([]);
    expect(requests - before).toBeGreaterThan(20);
    const created = await call('POST', '/api/v1/shop/customer', { name: 'After', nickname: 'aft' });
    expect(((await created.json()) as { data: { nickname: string } }).data.nickname).toBe('aft');
  }, 30_000);
});
