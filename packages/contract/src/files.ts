/** Files and figures: CSV export and import, aggregates. */
import { describe, expect } from 'vitest';

import { q } from './client';
import type { ContractSession } from './session';

export function filesContract(s: ContractSession) {
  const { it } = s;
  describe('files and figures', () => {
    it('exports CSV under the same filter as the list', async () => {
      const res = await fetch(
        `${s.target.base}/api/v1/shop/order/export?format=csv&fields=total&sort=total&filter=${q({ total: { _lt: 20 } })}`,
        {
          headers: { authorization: `Bearer ${s.target.admin}` },
        },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      const lines = (await res.text()).trim().split(/\r?\n/);
      expect(lines.length).toBe(4);
      expect(lines[0]).toContain('total');
    });

    it('imports CSV all or nothing, with errors by line', async () => {
      const csv = { 'content-type': 'text/csv' };
      const bad = await s.admin.post(
        '/api/v1/shop/customer/import',
        'name,email\nCy,cy@example.com\n,nobody@example.com\n',
        csv,
      );
      expect(bad.status).toBe(422);
      expect(Object.keys(bad.body.errors)).toEqual(['line 3']);
      expect((await s.admin.get('/api/v1/shop/customer?keywords=cy@')).body.data.total).toBe(0);
      const good = await s.admin.post(
        '/api/v1/shop/customer/import',
        'name,email\nCy,cy@example.com\n',
        csv,
      );
      expect(good.body.data).toEqual({ created: 1 });
    });

    it('exports a formula-like text guarded, and imports it back as it was', async () => {
      const csv = { 'content-type': 'text/csv' };
      const name = '=HYPERLINK("http://x.example","open")';
      const created = await s.admin.post(
        '/api/v1/shop/customer/import',
        `name,email\n"'${name.replaceAll('"', '""')}",formula@example.com\n`,
        csv,
      );
      expect(created.body.data).toEqual({ created: 1 });
      const stored = await s.admin.get('/api/v1/shop/customer?keywords=formula@');
      expect(stored.body.data.items[0].name).toBe(name);
      const res = await fetch(
        `${s.target.base}/api/v1/shop/customer/export?format=csv&fields=name,email&filter=${q({ email: { _eq: 'formula@example.com' } })}`,
        { headers: { authorization: `Bearer ${s.target.admin}` } },
      );
      const lines = (await res.text()).trim().split(/\r?\n/);
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(`,"'${name.replaceAll('"', '""')}",formula@example.com`);
    });

    it('aggregates by group under a filter', async () => {
      const res = await s.admin.get(
        `/api/v1/shop/order/aggregate?groupBy=status&count=*&sum=total&filter=${q({ total: { _gte: 5 } })}`,
      );
      const byStatus = Object.fromEntries(
        res.body.data.items.map((g: { status: string }) => [g.status, g]),
      );
      expect(byStatus.paid).toMatchObject({ count: 1, sum: { total: 40 } });
    });
  });
}
