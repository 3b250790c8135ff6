/** An edited page fitted to each caller: edits never bring back what the caller may not do or see. */
import { entityOf, shopModel } from '@tessera/meta/testing';
import { describe, expect, it } from 'vitest';

import { fitPage } from './fit';
import { applyPage, diffPage } from './overrides';
import { dataApiBase, entityPage, FULL_PAGE_ACCESS, type PageAccess } from './page';

const doc = shopModel((d) => {
  d.entities[1]!.fields.push({ code: 'note', type: 'text' });
});
const customer = entityOf(doc, 'customer');
const order = entityOf(doc, 'order');
const RT = 'http://rt';
const base = (e: { code: string }) => dataApiBase(RT, 'shop', e.code);

const VIEWER: PageAccess = {
  create: false,
  update: false,
  delete: false,
  readable: null,
  writable: null,
};
const CLERK: PageAccess = {
  create: true,
  update: true,
  delete: false,
  readable: new Set(['total', 'status', 'customer']),
  writable: new Set(['status']),
};

const generated = (entity: typeof order, access: PageAccess) =>
  entityPage(doc, entity, { runtimeUrl: RT, access });
const fitted = (entity: typeof order, access: PageAccess, page: unknown) =>
  fitPage(page, { entity, access, base: base(entity) });
const text = (page: unknown) => JSON.stringify(page);
const crudOf = (page: unknown) => (page as { body: Record<string, any>[] }).body[0]!;

/** The page a caller gets: an edit of the whole page, applied to theirs, fitted. */
function callerPage(entity: typeof order, access: PageAccess, edit: (page: any) => void) {
  const whole = generated(entity, FULL_PAGE_ACCESS);
  const edited = structuredClone(whole);
  edit(edited);
  const { page } = applyPage(generated(entity, access), diffPage(whole, edited));
  return fitted(entity, access, page);
}

describe('fitPage', () => {
  it.each([
    ['an administrator', FULL_PAGE_ACCESS],
    ['a viewer', VIEWER],
    ['a clerk', CLERK],
  ])('leaves the generated page of %s as it is', (_, access) => {
    for (const entity of [customer, order])
      expect(fitted(entity, access, generated(entity, access))).toEqual(generated(entity, access));
  });

  it("takes out of a viewer's page the writes an edit brings back", () => {
    const page = callerPage(order, VIEWER, (p) => {
      const crud = crudOf(p);
      crud.headerToolbar.push({
        type: 'button',
        label: 'Copy last',
        actionType: 'ajax',
        api: `post:${base(order)}`,
      });
      crud.columns.find((c: { name?: string }) => c.name === 'status').label = 'State';
    });
    const crud = crudOf(page);
    for (const gone of ['Copy last', 'New order', 'Import CSV', 'Delete selected', '"Edit"'])
      expect(text(page)).not.toContain(gone);
    expect(text(page)).not.toContain('quickEdit');
    expect(crud.quickSaveItemApi).toBeUndefined();
    // What a viewer may do stays, edits included.
    expect(text(page)).toContain('Export CSV');
    expect(text(page)).toContain('Details');
    expect(crud.columns.find((c: { name?: string }) => c.name === 'status').label).toBe('State');
  });

  it('takes out a column, filter or form control of a field the caller may not read or write', () => {
    const page = callerPage(order, CLERK, (p) => {
      const crud = crudOf(p);
      // The whole page has `note` everywhere; the clerk may not read it.
      expect(text(crud)).toContain('"name":"note"');
      crud.columns.push({ name: 'note', label: 'Note again', type: 'text' });
    });
    expect(text(page)).not.toContain('"name":"note"');
    expect(text(page)).not.toContain('Note again');
    expect(text(page)).not.toContain('filter.note');
    // total is readable but not writable: shown, not in forms, not quick-edited.
    const crud = crudOf(page);
    const total = crud.columns.find((c: { name?: string }) => c.name === 'total');
    expect(total).toBeDefined();
    expect(total.quickEdit).toBeUndefined();
    const newForm = crud.headerToolbar.find((b: { label?: string }) => b.label === 'New order')
      .dialog.body;
    expect(newForm.body.map((c: { name: string }) => c.name)).not.toContain('total');
    expect(newForm.body.map((c: { name: string }) => c.name)).toContain('status');
    expect(
      crud.columns.find((c: { name?: string }) => c.name === 'status').quickEdit,
    ).toBeDefined();
  });

  it("reads a list addressed without a method prefix as this entity's", () => {
    const page = fitted(order, VIEWER, {
      type: 'page',
      body: [
        {
          type: 'crud',
          api: base(order),
          columns: [{ name: 'status', quickEdit: { type: 'select' } }],
        },
      ],
    });
    expect(crudOf(page).columns[0].quickEdit).toBeUndefined();
  });

  it("keeps another entity's lists, whose fields may share a name", () => {
    const page = fitted(
      customer,
      { ...FULL_PAGE_ACCESS, readable: new Set(['name']) },
      {
        type: 'page',
        body: [
          {
            type: 'crud',
            api: `get:${base(customer)}`,
            columns: [
              { name: 'name' },
              { name: 'email' },
              { type: 'table', source: '${orders}', columns: [{ name: 'email' }] },
            ],
          },
        ],
      },
    );
    const columns = crudOf(page).columns;
    expect(columns.map((c: { name?: string; source?: string }) => c.name ?? c.source)).toEqual([
      'name',
      '${orders}',
    ]);
    expect(columns[1].columns).toEqual([{ name: 'email' }]);
  });

  it('leaves writes to other entities to the runtime, and reads alone', () => {
    const page = fitted(order, VIEWER, {
      type: 'page',
      body: [
        { type: 'button', label: 'New customer', api: `post:${base(customer)}` },
        { type: 'button', label: 'Look', api: `get:${base(order)}/1` },
        { type: 'button', label: 'Mark', api: { method: 'patch', url: `${base(order)}/1` } },
        { type: 'button', label: 'Similar', api: `post:${base(order)}x` },
      ],
    });
    expect((page as { body: { label: string }[] }).body.map((b) => b.label)).toEqual([
      'New customer',
      'Look',
      'Similar',
    ]);
  });
});
