/** Keyset pagination walks every row exactly once, in the list's order, whatever the sort. */
import { beforeAll, describe, expect, it } from 'vitest';

import { useShopRuntime } from './test/shop-runtime';

const get = async (path: string) => {
  const res = await fetch(`${shop.base}${path}`, {
    headers: { authorization: `Bearer ${shop.viewerToken}` },
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

const shop = useShopRuntime();
beforeAll(async () => {
  // Duplicate names, missing e-mails and equal timestamps: ties and NULLs on every sort.
  await shop.pool.query(
    `INSERT INTO shop.customer (name, email, created_at)
     SELECT 'n' || (i % 5), CASE WHEN i % 3 = 0 THEN NULL ELSE 'c' || (i % 7) || '@example.com' END,
            timestamp '2026-01-01' + (i % 4) * interval '1 day'
       FROM generate_series(1, 57) i`,
  );
}, 60_000);

describe('after=<cursor>', () => {
  it.each([
    '',
    '&sort=name',
    '&sort=-email',
    '&sort=email,-name',
    '&orderBy=created_at&orderDir=desc',
  ])('walks the same rows as paging%s', async (sort) => {
    const all = await get(`/api/v1/shop/customer?perPage=200${sort}`);
    const expected = all.body.data.items.map((c: { id: string }) => c.id);
    expect(expected.length).toBe(59);
    const seen: string[] = [];
    let cursor = '';
    for (let i = 0; i < 20; i++) {
      const page = await get(`/api/v1/shop/customer?perPage=7&after=${cursor}${sort}&count=none`);
      expect(page.status).toBe(200);
      seen.push(...page.body.data.items.map((c: { id: string }) => c.id));
      if (!page.body.data.hasNext) {
        expect(page.body.data.nextCursor).toBeNull();
        break;
      }
      cursor = page.body.data.nextCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('keeps the total and refuses a cursor that does not fit', async () => {
    const first = await get('/api/v1/shop/customer?perPage=5&after=');
    expect(first.body.data.total).toBe(59);
    expect(first.body.data.hasNext).toBe(true);
    const wrong = await get(`/api/v1/shop/customer?after=${first.body.data.nextCursor}&sort=name`);
    expect(wrong.status).toBe(400);
    expect(wrong.body.msg).toContain('not a cursor of this list');
    expect((await get('/api/v1/shop/customer?after=%27%3B--')).status).toBe(400);
  });
});
