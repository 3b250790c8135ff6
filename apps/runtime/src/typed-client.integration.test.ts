/**
 * `@tessera/client` against the runtime serving the contract model, typed by the Model the
 * runtime itself generates (the client's fixture, which this test also checks is what the
 * runtime serves an administrator): writes, reads with fields and expansions, a typed 422 and
 * 409, and the change stream resuming after a dropped connection with what it missed.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

import { ApiError, type ChangeEvent, createClient } from '@tessera/client';
import type { Model } from '@tessera/client/fixtures/shop.types';
import { CONTRACT_MODEL } from '@tessera/contract';
import { describe, expect, it } from 'vitest';

import { useShopRuntime } from './test/shop-runtime';

const shop = useShopRuntime({ document: CONTRACT_MODEL, rateLimitPerMinute: 100_000 });
const client = () =>
  createClient<Model>({ baseUrl: shop.base, project: 'shop', token: shop.adminToken });

describe('@tessera/client on the runtime', () => {
  it('is typed by what the runtime serves', async () => {
    const served = await fetch(`${shop.base}/api/v1/shop/types.ts`, {
      headers: { authorization: `Bearer ${shop.adminToken}` },
    }).then((r) => r.text());
    const fixture = createRequire(import.meta.url).resolve('@tessera/client/fixtures/shop.types');
    expect(served).toBe(await readFile(fixture, 'utf8'));
  });

  it('writes and reads rows, with fields and expansions', async () => {
    const shopApi = client();
    const ada = await shopApi.from('customer').create({ name: 'Ada', email: 'ada@example.com' });
    const red = await shopApi.from('tag').create({ label: 'red' });
    const order = await shopApi
      .from('order')
      .create({ total: '12.50', customer: ada.id, tags: [red.id] });
    expect(order).toMatchObject({ total: 12.5, status: 'new', customer: ada.id });

    const page = await shopApi.from('order').list({
      filter: { customer: { name: { _eq: 'Ada' } }, total: { _gte: 10 } },
      fields: ['status'],
      expand: { customer: true, tags: true },
      sort: ['-created_at'],
    });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.customer?.name).toBe('Ada');
    expect(page.items[0]!.tags.map((t) => t.label)).toEqual(['red']);
    expect(page.items[0]).not.toHaveProperty('total');

    const withOrders = await shopApi
      .from('customer')
      .get(ada.id, { expand: { orders: { tags: true } } });
    expect(withOrders.orders[0]!.tags[0]!.label).toBe('red');

    const updated = await shopApi
      .from('order')
      .update(order.id, { status: 'paid' }, { version: order.version });
    expect(updated.version).toBe(order.version + 1);
    await shopApi.from('order').delete(order.id);
    await expect(shopApi.from('order').get(order.id)).rejects.toMatchObject({ status: 404 });
  });

  it('refuses with typed field errors and a stale version', async () => {
    const customers = client().from('customer');
    const refused = await customers
      .create({ name: '', email: 'not an email' })
      .catch((e: unknown) => e);
    if (!customers.isError(refused))
      throw new Error(`expected an ApiError, got ${String(refused)}`);
    expect(refused.status).toBe(422);
    expect(refused.fieldErrors.email).toBeTruthy();
    const bob = await customers.create({ name: 'Bob' });
    await customers.update(bob.id, { name: 'Bobby' }, { version: bob.version });
    const stale = await customers
      .update(bob.id, { name: 'Late' }, { version: bob.version })
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ApiError);
    expect((stale as ApiError).status).toBe(409);
  });

  it('streams changes, and resumes after a dropped connection with what it missed', async () => {
    const shopApi = client();
    const controller = new AbortController();
    const seen: ChangeEvent[] = [];
    let open: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const stream = shopApi.changes({ entities: ['tag'], signal: controller.signal, onOpen: open });
    // The stream starts with its first read; the write comes once the server has started it.
    const firstEvent = stream.next();
    await opened;
    const first = await shopApi.from('tag').create({ label: 'first' });
    for (let next = await firstEvent; !next.done; next = await stream.next()) {
      seen.push(next.value);
      if (next.value.ids.includes(first.id)) break;
    }
    controller.abort();
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ op: 'create', entity: 'tag' });
    const missed = await shopApi.from('tag').create({ label: 'while away' });
    const again = new AbortController();
    for await (const event of shopApi.changes({
      entities: ['tag'],
      lastEventId: last.id,
      signal: again.signal,
    })) {
      if (event.ids.includes(missed.id)) {
        expect(event.op).toBe('create');
        break;
      }
    }
    again.abort();
  });
});
