/** The server's first look at a data page: read from the page as it renders, shown as amis would. */
import { entityOf, shopModel } from '@tessera/meta/testing';
import { describe, expect, it } from 'vitest';

import { entityPage, FULL_PAGE_ACCESS } from './page';
import { knownTimeZone, listPreview, previewCells } from './preview';
import { labelAdaptor, relationLabels } from './relations';

const doc = shopModel((d) => {
  d.entities[1]!.fields.push(
    { code: 'placed', type: 'date' },
    { code: 'at', type: 'datetime' },
    { code: 'rush', type: 'boolean' },
    { code: 'tags', type: 'enum-multi', options: ['gift', 'fragile'] },
  );
});
const order = entityOf(doc, 'order');
const RT = 'http://rt:3201';
const page = entityPage(doc, order, { runtimeUrl: RT });
const labels = relationLabels(doc, order);

const row = {
  id: 7,
  status: 'paid',
  placed: '2026-11-02',
  at: '2026-11-02T09:05:03.000Z',
  rush: true,
  tags: ['gift', 'fragile'],
  total: '12.50',
  customer: { id: 3, name: 'Ada' },
};

describe('listPreview', () => {
  it("reads the crud's first page as amis asks for it, with its shown columns", () => {
    const preview = listPreview(page, labels, RT)!;
    expect(preview.url).toBe('http://rt:3201/api/v1/shop/order?expand=customer&page=1&perPage=20');
    expect(preview.columns.map((c) => c.name)).toEqual([
      'total',
      'status',
      'placed',
      'at',
      'rush',
      'tags',
      'customer__label',
    ]);
    expect(preview.labels).toEqual({ customer: 'name' });
  });

  it('shows each cell as the column would', () => {
    const preview = listPreview(page, labels, RT)!;
    expect(previewCells(preview, [row])).toEqual([
      ['12.50', 'paid', '2026-11-02', '2026-11-02 09:05:03', 'Yes', 'gift, fragile', 'Ada'],
    ]);
    expect(previewCells(preview, [{ id: 8, customer: null, rush: false }])).toEqual([
      ['', '', '', '', 'No', '', ''],
    ]);
  });

  it("shows datetimes in the reader's time zone, and an unknown zone as UTC", () => {
    const preview = listPreview(page, labels, RT)!;
    const at = preview.columns.findIndex((c) => c.name === 'at');
    const shown = (zone: string) => previewCells(preview, [row], zone)[0]![at];
    expect(shown('Asia/Shanghai')).toBe('2026-11-02 17:05:03');
    expect(shown('America/New_York')).toBe('2026-11-02 04:05:03');
    expect(shown('Mars/Olympus')).toBe('2026-11-02 09:05:03');
    expect(knownTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(knownTimeZone(undefined)).toBe('UTC');
  });

  it("labels related rows as the page's list adaptor does in the browser", () => {
    const preview = listPreview(page, labels, RT)!;
    const crud = (page.body as Record<string, any>[])[0]!;
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const adaptor = new Function('payload', crud.api.adaptor) as (p: unknown) => {
      data: { items: Record<string, unknown>[] };
    };
    const adapted = adaptor({ status: 0, data: { items: [structuredClone(row)] } }).data.items[0]!;
    const labelColumn = preview.columns.findIndex((c) => c.name === 'customer__label');
    expect(previewCells(preview, [row])[0]![labelColumn]).toBe(adapted.customer__label);
    expect(labelAdaptor(labels)).toBe(crud.api.adaptor);
  });

  it('follows an edited page: a column removed, another relabelled, the page size changed', () => {
    const crud = (page.body as Record<string, any>[])[0]!;
    const edited = {
      ...page,
      body: [
        {
          ...crud,
          perPage: 50,
          columns: crud.columns
            .filter((c: { name?: string }) => c.name !== 'tags')
            .map((c: { name?: string }) => (c.name === 'total' ? { ...c, label: 'Amount' } : c)),
        },
      ],
    };
    const preview = listPreview(edited, labels, RT)!;
    expect(preview.url).toMatch(/[?&]perPage=50$/);
    expect(preview.columns.map((c) => c.name)).not.toContain('tags');
    expect(preview.columns.find((c) => c.name === 'total')?.label).toBe('Amount');
  });

  it('leaves out what the server cannot read ahead, or may not send the credential to', () => {
    const crud = (page.body as Record<string, any>[])[0]!;
    const withApi = (api: unknown) => ({ ...page, body: [{ ...crud, api }] });
    const of = (api: unknown) => listPreview(withApi(api), labels, RT);
    expect(of('get:http://rt:3201/api/v1/shop/order?f=${keywords}')).toBeNull();
    expect(of('post:http://rt:3201/api/v1/shop/order')).toBeNull();
    expect(of('/api/v1/shop/order')).toBeNull();
    // An edited page pointing elsewhere: the user's credential would go there.
    expect(of('http://elsewhere.example/api/v1/shop/order')).toBeNull();
    expect(
      of({ method: 'get', url: 'http://rt:3201.elsewhere.example/api/v1/shop/order' }),
    ).toBeNull();
    expect(of('http://rt:3201/admin/api/v1/shop/order')).toBeNull();
    expect(of('http://rt:3201/api/v1/shop/order')?.url).toBe(
      'http://rt:3201/api/v1/shop/order?page=1&perPage=20',
    );
    expect(
      listPreview({ type: 'page', body: [{ type: 'tpl', tpl: 'hi' }] }, labels, RT),
    ).toBeNull();
    // A runtime reached by a relative address cannot be read from the server.
    const relative = entityPage(doc, order, { runtimeUrl: '', access: FULL_PAGE_ACCESS });
    expect(listPreview(relative, labels, '')).toBeNull();
  });
});
