/** Relations over HTTP: ids by default, `expand`, relation paths in `fields`, many-to-many writes. */
import { client, q } from '@tessera/contract';
import { beforeAll, describe, expect, it } from 'vitest';

import { useShopRuntime } from './test/shop-runtime';

let red: string;
let blue: string;

const call = (method: string, path: string, body?: unknown) =>
  client(shop.base)(method, path, { token: shop.adminToken, body });

const shop = useShopRuntime();
beforeAll(async () => {
  red = (await call('POST', '/api/v1/shop/tag', { label: 'red' })).body.data.id;
  blue = (await call('POST', '/api/v1/shop/tag', { label: 'blue' })).body.data.id;
}, 60_000);

describe('many-to-many writes', () => {
  it('sets, replaces and reads a list of ids in the same statement as the row', async () => {
    const created = await call('POST', '/api/v1/shop/order', {
      total: 9,
      customer: shop.adaId,
      tags: [red, blue, red],
    });
    expect(created.status).toBe(200);
    expect(created.body.data.tags).toEqual([red, blue].sort());
    const id = created.body.data.id as string;
    const read = await call('GET', `/api/v1/shop/order/${id}`);
    expect(read.body.data.customer).toBe(shop.adaId);
    expect(read.body.data.tags).toEqual([red, blue].sort());

    const replaced = await call('PUT', `/api/v1/shop/order/${id}`, { tags: [blue] });
    expect(replaced.status).toBe(200);
    expect(replaced.body.data.tags).toEqual([blue]);
    expect(replaced.body.data.version).toBe(2);
    const links = await shop.pool.query('SELECT tag FROM shop.order_tags WHERE "order" = $1', [id]);
    expect(links.rows).toEqual([{ tag: blue }]);
    // Unchanged lists are answered from the junction table.
    const other = await call('PUT', `/api/v1/shop/order/${id}`, { total: 10 });
    expect(other.body.data.tags).toEqual([blue]);
  });

  it('refuses bad ids with the field named, and writes nothing', async () => {
    const before = await shop.pool.query('SELECT count(*)::int AS n FROM shop."order"');
    const bad = await call('POST', '/api/v1/shop/order', { total: 1, tags: ['nope'] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.tags).toBe('Expected ids');
    const missing = await call('POST', '/api/v1/shop/order', {
      total: 1,
      tags: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual({ tags: 'No such row' });
    const after = await shop.pool.query('SELECT count(*)::int AS n FROM shop."order"');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });
});

describe('expand and relation paths', () => {
  it('embeds related rows as objects and lists, nested up to three levels', async () => {
    const res = await call(
      'GET',
      `/api/v1/shop/order?expand=customer.orders,tags&filter=${q({ total: { _eq: 12.5 } })}`,
    );
    expect(res.status).toBe(200);
    const [order] = res.body.data.items;
    expect(order.customer).toMatchObject({ id: shop.adaId, name: 'Ada', email: 'ada@example.com' });
    expect(order.customer.orders.map((o: { total: number }) => o.total)).toContain(12.5);
    expect(order.tags).toEqual([]);
    const tagged = await call(
      'GET',
      `/api/v1/shop/order?expand=tags&filter=${q({ tags: { _some: { label: { _eq: 'blue' } } } })}`,
    );
    expect(tagged.body.data.total).toBe(1);
    expect(tagged.body.data.items[0].tags).toEqual([
      expect.objectContaining({ id: blue, label: 'blue' }),
    ]);
    const inverse = await call('GET', `/api/v1/shop/tag/${blue}?expand=orders.customer`);
    expect(inverse.body.data.orders[0].customer.name).toBe('Ada');
  });

  it('selects related fields by path, with the system fields of each level', async () => {
    const res = await call(
      'GET',
      `/api/v1/shop/order?fields=total,customer.name&filter=${q({ total: { _eq: 12.5 } })}`,
    );
    expect(res.status).toBe(200);
    const [order] = res.body.data.items;
    expect(Object.keys(order).sort()).toEqual(
      [
        'id',
        'created_at',
        'updated_at',
        'created_by',
        'updated_by',
        'version',
        'total',
        'customer',
      ].sort(),
    );
    expect(order.customer.name).toBe('Ada');
    expect(order.customer).not.toHaveProperty('email');
  });

  it('names what is wrong with a path', async () => {
    const deep = await call('GET', '/api/v1/shop/order?expand=customer.orders.customer.orders');
    expect(deep.status).toBe(400);
    expect(deep.body.msg).toContain('deeper than 3');
    const unknown = await call('GET', '/api/v1/shop/order?expand=supplier');
    expect(unknown.status).toBe(400);
    expect(unknown.body.msg).toContain("no relation 'supplier'");
    const field = await call('GET', '/api/v1/shop/order?fields=customer.nope');
    expect(field.status).toBe(400);
    expect(field.body.msg).toContain("no field 'customer.nope'");
    const proto = await call('GET', '/api/v1/shop/order?expand=__proto__');
    expect(proto.status).toBe(400);
  });
});
