/** Reading: lists, paging, sorting, filters, fields and expansions, one row, refusals. */
import { describe, expect } from 'vitest';

import { q } from './client';
import type { ContractSession } from './session';

export function readsContract(s: ContractSession) {
  const { it } = s;
  describe('reads', () => {
    it('lists in the envelope with items and total, and gets one row', async () => {
      const list = await s.admin.get('/api/v1/shop/order?perPage=2&orderBy=total&orderDir=desc');
      expect(list.status).toBe(200);
      expect(list.body.data.total).toBe(4);
      expect(list.body.data.items.map((o: { total: number }) => o.total)).toEqual([40, 25]);
      const one = await s.admin.get(`/api/v1/shop/order/${s.ids.order}`);
      expect(one.body.data).toMatchObject({
        id: s.ids.order,
        total: 40,
        status: 'paid',
        customer: s.ids.ada,
        tags: [s.ids.red],
      });
      expect(one.body.data).toHaveProperty('version');
      expect(one.body.data).toHaveProperty('created_at');
    });

    it('sorts, searches, filters, selects fields and expands relations', async () => {
      expect(
        (await s.admin.get('/api/v1/shop/order?sort=-total,status')).body.data.items[0].total,
      ).toBe(40);
      expect((await s.admin.get('/api/v1/shop/customer?keywords=ada@')).body.data.total).toBe(1);
      const filtered = await s.admin.get(
        `/api/v1/shop/order?filter=${q({ customer: { name: { _eq: 'Bob' } }, total: { _between: [10, 30] } })}`,
      );
      expect(filtered.body.data.total).toBe(2);
      const paths = await s.admin.get(
        `/api/v1/shop/order/${s.ids.order}?fields=total,customer.name`,
      );
      expect(paths.body.data.customer).toMatchObject({ id: s.ids.ada, name: 'Ada' });
      expect(paths.body.data).not.toHaveProperty('status');
      const expanded = await s.admin.get(`/api/v1/shop/customer/${s.ids.ada}?expand=orders.tags`);
      expect(expanded.body.data.orders[0].tags[0]).toMatchObject({ id: s.ids.red, label: 'red' });
    });

    it('pages by cursor and counts as asked', async () => {
      const first = await s.admin.get('/api/v1/shop/order?perPage=3&after=&sort=total');
      expect(first.body.data).toMatchObject({ hasNext: true, total: 4 });
      const next = await s.admin.get(
        `/api/v1/shop/order?perPage=3&after=${first.body.data.nextCursor}&sort=total`,
      );
      expect(next.body.data.items.map((o: { total: number }) => o.total)).toEqual([40]);
      expect(next.body.data.hasNext).toBe(false);
      expect((await s.admin.get('/api/v1/shop/order?count=none')).body.data).not.toHaveProperty(
        'total',
      );
      expect(typeof (await s.admin.get('/api/v1/shop/order?count=estimated')).body.data.total).toBe(
        'number',
      );
    });

    it('answers 400 for a bad query, naming what is wrong', async () => {
      const cases: [string, string][] = [
        ['perPage=500', 'perPage'],
        ['filter={', 'filter'],
        [`filter=${q({ nope: { _eq: 1 } })}`, 'nope'],
        [`filter=${q({ total: { _like: 1 } })}`, '_like'],
        [`filter=${q({ total: { _gt: 'many' } })}`, 'total'],
        ['sort=nope', 'nope'],
        ['expand=nope', 'nope'],
      ];
      for (const [query, named] of cases) {
        const res = await s.admin.get(`/api/v1/shop/order?${query}`);
        expect(res.status, query).toBe(400);
        expect(res.body.msg, query).toContain(named);
      }
    });

    it('answers 404 for an unknown project, entity or id', async () => {
      expect((await s.admin.get('/api/v1/nowhere/order')).status).toBe(404);
      expect((await s.admin.get('/api/v1/shop/nothing')).status).toBe(404);
      expect(
        (await s.admin.get('/api/v1/shop/order/00000000-0000-4000-8000-000000000000')).status,
      ).toBe(404);
    });

    it('accepts the console’s session cookie as it accepts a bearer token', async () => {
      const res = await fetch(`${s.target.base}/api/v1/shop/tag`, {
        headers: { cookie: `tessera_session=${s.target.reader}` },
      });
      expect(res.status).toBe(200);
      const bad = await fetch(`${s.target.base}/api/v1/shop/tag`, {
        headers: { cookie: 'tessera_session=nobody.nothing' },
      });
      expect(bad.status).toBe(401);
    });

    it('answers 401 without credentials and 403 without permission', async () => {
      expect((await s.as(null).get('/api/v1/shop/order')).status).toBe(401);
      expect((await s.as(s.target.stranger).get('/api/v1/shop/order')).status).toBe(403);
      expect((await s.as(s.target.reader).post('/api/v1/shop/order', { total: 1 })).status).toBe(
        403,
      );
    });
  });
}
