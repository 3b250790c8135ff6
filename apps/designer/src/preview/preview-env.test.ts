import { shopModel } from '@tessera/meta/testing';
import { PREVIEW_WRITE_MESSAGE } from '@tessera/pages/embed';
import { describe, expect, it } from 'vitest';

import { previewFetcher } from './preview-env';

describe('the page preview’s data', () => {
  const fetcher = previewFetcher(() => shopModel());

  it('answers a list with sample rows of the draft entity, and one row by id', async () => {
    const list = await fetcher({ url: '/api/v1/shop/order?expand=customer', method: 'get' });
    const items = (list.data.data as { items: { id: string; status: string }[] }).items;
    expect(items).toHaveLength(5);
    expect(['new', 'paid', 'shipped']).toContain(items[0]!.status);
    const one = await fetcher({ url: `/api/v1/shop/order/${items[1]!.id}`, method: 'get' });
    expect(one.data.data).toEqual(items[1]);
  });

  it('never writes, and answers nothing outside the project', async () => {
    for (const method of ['post', 'put', 'patch', 'delete'])
      expect((await fetcher({ url: '/api/v1/shop/order', method })).data).toEqual({
        status: 1,
        msg: PREVIEW_WRITE_MESSAGE,
      });
    expect((await fetcher({ url: '/api/v1/other/order', method: 'get' })).data.status).toBe(1);
  });
});
