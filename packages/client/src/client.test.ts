/**
 * The client's types, proven by the compiler (`pnpm typecheck` fails on an unused
 * `@ts-expect-error`, so each mistake below must be an error), and the requests it sends.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';

import { createClient } from './client';
import { ApiError } from './errors';
import type { Customer, Model, Order, Tag } from './fixtures/shop.types';

/** A fetch that answers `data` and records what it was asked. */
function fakeFetch(answer: { status?: number; body: unknown }) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetcher = ((url: string, init: RequestInit) => {
    calls.push({ url, init });
    return Promise.resolve(
      new Response(JSON.stringify(answer.body), {
        status: answer.status ?? 200,
        headers: { 'content-type': 'application/json', 'x-request-id': 'req-1' },
      }),
    );
  }) as typeof fetch;
  return { fetcher, calls };
}

const ok = (data: unknown) => ({ body: { status: 0, msg: '', data } });

describe('the typed client', () => {
  it('types rows, narrowed fields and expanded relations', async () => {
    const { fetcher, calls } = fakeFetch(ok({ items: [], hasNext: false }));
    const shop = createClient<Model>({
      baseUrl: 'http://rt/',
      project: 'shop',
      token: 't',
      fetch: fetcher,
    });
    const orders = shop.from('order');

    const _all = await orders.list();
    expectTypeOf<(typeof _all.items)[number]>().toEqualTypeOf<Order>();

    const _narrow = await orders.list({
      fields: ['status'],
      expand: { customer: true, tags: true },
      filter: { status: { _in: ['paid'] }, customer: { name: { _icontains: 'ada' } } },
      sort: ['-total', 'status'],
      perPage: 5,
      after: '',
    });
    type Row = (typeof _narrow.items)[number];
    expectTypeOf<Row['status']>().toEqualTypeOf<'new' | 'paid' | 'shipped' | null>();
    expectTypeOf<Row['id']>().toEqualTypeOf<string>();
    expectTypeOf<Row['customer']>().toEqualTypeOf<Customer | null>();
    expectTypeOf<Row['tags']>().toEqualTypeOf<Tag[]>();
    // @ts-expect-error `total` was not asked for
    type _Total = Row['total'];

    const _deep = await shop.from('customer').get('c1', { expand: { orders: { tags: true } } });
    type DeepOrder = (typeof _deep.orders)[number];
    expectTypeOf<DeepOrder['tags'][number]['label']>().toEqualTypeOf<string | null>();
    expectTypeOf<DeepOrder['total']>().toEqualTypeOf<number | null>();

    const url = new URL(calls[1]!.url);
    expect(url.pathname).toBe('/api/v1/shop/order');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      fields: 'status',
      expand: 'customer,tags',
      filter: JSON.stringify({
        status: { _in: ['paid'] },
        customer: { name: { _icontains: 'ada' } },
      }),
      sort: '-total,status',
      perPage: '5',
      after: '',
    });
    expect(new URL(calls[2]!.url).searchParams.get('expand')).toBe('orders.tags');
    expect((calls[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer t');
  });

  it('refuses at compile time what the API would refuse', () => {
    const shop = createClient<Model>({ baseUrl: 'http://rt', project: 'shop' });
    const orders = shop.from('order');
    // Each call sits in a function that is never run: only the compiler looks at them.
    void (() => [
      // @ts-expect-error no such entity
      shop.from('invoice'),
      // @ts-expect-error no such field
      orders.list({ filter: { totl: { _eq: 1 } } }),
      // @ts-expect-error an operator a number does not take
      orders.list({ filter: { total: { _contains: '1' } } }),
      // @ts-expect-error a value outside the enum
      orders.list({ filter: { status: { _eq: 'lost' } } }),
      // @ts-expect-error no such field to sort by
      orders.list({ sort: ['-totl'] }),
      // @ts-expect-error no such relation to expand
      orders.list({ expand: { invoice: true } }),
      // @ts-expect-error no such field to return
      orders.list({ fields: ['totl'] }),
      // @ts-expect-error a customer needs a name
      shop.from('customer').create({ email: 'a@b.c' }),
      // @ts-expect-error a wrong type for a field
      shop.from('tag').update('t1', { label: 3 }),
    ]);
  });

  it('sends writes with the version and the idempotency key, and types a 422', async () => {
    const { fetcher, calls } = fakeFetch({
      status: 422,
      body: { status: 422, msg: 'Invalid customer', errors: { name: 'Required' } },
    });
    const customers = createClient<Model>({
      baseUrl: 'http://rt',
      project: 'shop',
      fetch: fetcher,
    }).from('customer');
    const error = await customers
      .create({ name: '' }, { idempotencyKey: 'k1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    if (!customers.isError(error)) throw new Error('not an ApiError');
    expectTypeOf(error.fieldErrors).toEqualTypeOf<Partial<Record<'name' | 'email', string>>>();
    expect(error).toMatchObject({ status: 422, message: 'Invalid customer', requestId: 'req-1' });
    expect(error.fieldErrors.name).toBe('Required');
    expect((calls[0]!.init.headers as Record<string, string>)['idempotency-key']).toBe('k1');

    await customers.update('c1', { name: 'Ada' }, { version: 3 }).catch(() => undefined);
    expect(calls[1]!.init).toMatchObject({
      method: 'PUT',
      body: JSON.stringify({ name: 'Ada', version: 3 }),
    });
  });

  it('resumes the change stream after a drop from its last event id, and throws a refusal', async () => {
    const asked: (string | null)[] = [];
    const streams = [
      'id: 1:100\n\nid: 2:101\nevent: create\ndata: {"entity":"tag","ids":["a"]}\n\n',
      'id: 3:102\nevent: delete\ndata: {"entity":"tag","ids":["b"]}\n\n',
    ];
    const fetcher = ((_url: string, init: RequestInit) => {
      asked.push((init.headers as Record<string, string>)['last-event-id'] ?? null);
      const text = streams.shift();
      // Each answer ends after its events: the connection dropped.
      return Promise.resolve(
        text === undefined
          ? new Response(JSON.stringify({ status: 403, msg: 'No more' }), { status: 403 })
          : new Response(text, { headers: { 'content-type': 'text/event-stream' } }),
      );
    }) as typeof fetch;
    const shop = createClient<Model>({ baseUrl: 'http://rt', project: 'shop', fetch: fetcher });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const change of shop.changes({ entities: ['tag'], retryMs: 1 }))
        seen.push(`${change.op} ${change.ids.join()} ${change.id}`);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['create a 2:101', 'delete b 3:102']);
    expect(asked).toEqual([null, '2:101', '3:102']);
    expect(error).toMatchObject({ status: 403, message: 'No more' });
  });
});
