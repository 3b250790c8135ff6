/**
 * Reading under a row filter and a field list: the restricted caller reads only paid orders,
 * without their total, and every path to the data (lists, counts, one row, filters, sorts,
 * selections, expansions, aggregates, exports, writes) holds to that.
 */
import { describe, expect } from 'vitest';

import { q } from './client';
import type { ContractSession } from './session';

/** What the restricted caller's role is granted (the implementation creates it). */
export const RESTRICTED_GRANTS = [
  {
    entity: 'order',
    action: 'read',
    rowFilter: { status: { _eq: 'paid' } },
    fields: ['status', 'customer', 'tags'],
  },
  { entity: 'customer', action: 'read' },
  { entity: 'tag', action: 'read' },
] as const;

export function accessContract(s: ContractSession) {
  const { it } = s;
  describe('a reader with a row filter and a hidden field', () => {
    it('lists and counts only the rows its filter shows, without the hidden field', async () => {
      const me = s.as(s.target.restricted);
      const list = await me.get('/api/v1/shop/order');
      expect(list.status).toBe(200);
      expect(list.body.data.total).toBe(1);
      expect(list.body.data.items).toHaveLength(1);
      expect(list.body.data.items[0]).toMatchObject({ id: s.ids.order, status: 'paid' });
      expect(list.body.data.items[0]).not.toHaveProperty('total');
      const one = await me.get(`/api/v1/shop/order/${s.ids.order}`);
      expect(one.body.data).not.toHaveProperty('total');
      const bobs = await s.admin.get(
        `/api/v1/shop/order?filter=${q({ customer: { _eq: s.ids.bob } })}&perPage=1`,
      );
      expect((await me.get(`/api/v1/shop/order/${bobs.body.data.items[0].id}`)).status).toBe(404);
    });

    it('may not filter, sort, select or aggregate by the hidden field', async () => {
      const me = s.as(s.target.restricted);
      for (const query of [`filter=${q({ total: { _gt: 0 } })}`, 'sort=total', 'fields=total']) {
        const res = await me.get(`/api/v1/shop/order?${query}`);
        expect(res.status, query).toBe(400);
        expect(res.body.msg, query).toContain('total');
      }
      expect((await me.get('/api/v1/shop/order/aggregate?sum=total')).status).toBe(400);
      const groups = await me.get('/api/v1/shop/order/aggregate?groupBy=status&count=*');
      expect(groups.body.data.items).toEqual([{ status: 'paid', count: 1 }]);
    });

    it('sees through relations only the rows and fields it may read', async () => {
      const me = s.as(s.target.restricted);
      const bob = await me.get(`/api/v1/shop/customer/${s.ids.bob}?expand=orders`);
      expect(bob.body.data.orders).toEqual([]);
      const ada = await me.get(`/api/v1/shop/customer/${s.ids.ada}?expand=orders`);
      expect(ada.body.data.orders).toHaveLength(1);
      expect(ada.body.data.orders[0]).not.toHaveProperty('total');
      const through = await me.get(
        `/api/v1/shop/customer?filter=${q({ orders: { _some: { status: { _eq: 'new' } } } })}`,
      );
      expect(through.body.data.total).toBe(0);
    });

    it('exports only what it may read, and may not write', async () => {
      const res = await fetch(`${s.target.base}/api/v1/shop/order/export?format=csv`, {
        headers: { authorization: `Bearer ${s.target.restricted}` },
      });
      const lines = (await res.text()).trim().split(/\r?\n/);
      expect(lines).toHaveLength(2);
      expect(lines[0]).not.toContain('total');
      const me = s.as(s.target.restricted);
      expect((await me.post('/api/v1/shop/order', { status: 'paid' })).status).toBe(403);
      expect((await me.put(`/api/v1/shop/order/${s.ids.order}`, { status: 'new' })).status).toBe(
        403,
      );
      expect((await me.del(`/api/v1/shop/order/${s.ids.order}`)).status).toBe(403);
    });
  });
}
