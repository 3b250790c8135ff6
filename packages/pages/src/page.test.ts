/** Every field type maps to a valid amis control, column and filter; pages validate against amis's schema.json. */
import { FIELD_TYPES } from '@tessera/meta';
import { shopModel } from '@tessera/meta/testing';
import { describe, expect, it } from 'vitest';

import { entityPage, FULL_PAGE_ACCESS } from './page';
import { LEGACY_KEYS, validateAmisPage } from './validate';

const validatePage = (page: unknown) => validateAmisPage(page).ok;
const LEGACY = LEGACY_KEYS;
const keysOf = (node: unknown): string[] =>
  Array.isArray(node)
    ? node.flatMap(keysOf)
    : typeof node === 'object' && node !== null
      ? Object.entries(node).flatMap(([k, v]) => [k, ...keysOf(v)])
      : [];

const FIELD_PARAMS: Record<string, Record<string, unknown>> = {
  string: { length: 80, validation: { minLength: 2, pattern: '^[A-Z]' } },
  decimal: { precision: 12, scale: 2, validation: { min: 0 } },
  integer: { validation: { min: 1, max: 10 } },
  enum: { options: ['new', 'paid'] },
  'enum-multi': { options: ['red', 'blue'] },
  computed: { expression: '1', resultType: 'integer' },
};

/** The shop model with an order field `value` of `fieldType`. */
const shop = (fieldType: string) =>
  shopModel((d) => {
    d.entities[1]!.fields.push({
      code: 'value',
      type: fieldType,
      ...(FIELD_PARAMS[fieldType] ?? {}),
    });
  });

describe('entityPage', () => {
  it.each(FIELD_TYPES)('makes a page amis accepts for a %s field', (type) => {
    const doc = shop(type);
    const page = entityPage(doc, doc.entities[1]!, { runtimeUrl: 'http://localhost:3200' });
    expect(validateAmisPage(page)).toEqual({ ok: true });
    expect(keysOf(page).filter((k) => LEGACY.includes(k))).toEqual([]);
    const crud = (page.body as Record<string, any>[])[0]!;
    expect(crud.api).toMatchObject({
      method: 'get',
      url: 'http://localhost:3200/api/v1/shop/order?expand=customer',
    });
    expect(crud.columns.map((c: { name?: string }) => c.name)).toContain('value');
  });

  it('shows a related row by its label, read with the list, where the caller may read it', () => {
    const doc = shop('string');
    const crudOf = (related?: ReadonlyMap<string, ReadonlySet<string> | null>) =>
      (
        entityPage(doc, doc.entities[1]!, {
          runtimeUrl: 'http://rt',
          access: { ...FULL_PAGE_ACCESS, related },
        }).body as Record<string, any>[]
      )[0]!;
    const crud = crudOf();
    expect(crud.columns.map((c: { name?: string }) => c.name)).toContain('customer__label');
    // amis turns this string into a function the same way.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const adaptor = new Function('payload', crud.api.adaptor) as (p: unknown) => unknown;
    expect(
      adaptor({
        status: 0,
        data: {
          items: [
            { id: 'o1', customer: { id: 'c1', name: 'Ada' } },
            { id: 'o2', customer: null },
          ],
        },
      }),
    ).toEqual({
      status: 0,
      data: {
        items: [
          { id: 'o1', customer: 'c1', customer__label: 'Ada' },
          { id: 'o2', customer: null },
        ],
      },
    });
    // No expansion of what the caller may not read: the id is shown instead.
    for (const related of [new Map(), new Map([['customer', new Set(['email'])]])]) {
      const narrow = crudOf(related);
      expect(narrow.api).toBe('get:http://rt/api/v1/shop/order');
      expect(narrow.columns.map((c: { name?: string }) => c.name)).toContain('customer');
    }
    expect(crudOf(new Map([['customer', new Set(['name'])]])).api.url).toContain('expand=customer');
  });

  it('leaves out what the caller may not do or see', () => {
    const doc = shop('string');
    const page = entityPage(doc, doc.entities[1]!, {
      runtimeUrl: '',
      access: {
        create: false,
        update: false,
        delete: false,
        readable: new Set(['customer']),
        writable: null,
      },
    });
    const crud = (page.body as Record<string, any>[])[0]!;
    expect(JSON.stringify(crud.headerToolbar)).not.toContain('New');
    expect(crud).not.toHaveProperty('bulkActions');
    expect(crud).not.toHaveProperty('quickSaveItemApi');
    expect(crud.columns.map((c: { name?: string }) => c.name).filter(Boolean)).toEqual([
      'customer__label',
    ]);
    expect(JSON.stringify(crud.headerToolbar)).not.toContain('Import CSV');
    const actions = crud.columns.at(-1).buttons.map((b: { label: string }) => b.label);
    expect(actions).toEqual(['Details']);
    expect(validatePage(page)).toBe(true);
  });

  it('edits many-to-many lists, sends the version back, and shows related rows in a drawer', () => {
    const doc = shopModel((d) => {
      d.entities.push({
        code: 'tag',
        fields: [{ code: 'label', type: 'string', length: 40 }],
      });
      d.relations.push({
        code: 'order_tags',
        type: 'many-to-many',
        from: 'order',
        to: 'tag',
        field: 'tags',
      });
    });
    const order = entityPage(doc, doc.entities[1]!, { runtimeUrl: 'http://rt' });
    expect(validatePage(order)).toBe(true);
    const text = JSON.stringify(order);
    expect(text).toContain('"name":"tags","label":"tags"');
    expect(text).toContain('"multiple":true,"joinValues":false,"extractValue":true');
    expect(text).toContain('{"type":"hidden","name":"version"}');
    const customer = entityPage(doc, doc.entities[0]!, { runtimeUrl: 'http://rt' });
    expect(validatePage(customer)).toBe(true);
    const drawer = JSON.stringify(
      (customer.body as Record<string, any>[])[0]!.columns.at(-1).buttons[0],
    );
    expect(drawer).toContain('"api":"get:http://rt/api/v1/shop/customer/${id}?expand=orders"');
    expect(drawer).toContain('"source":"${orders}"');
    expect(JSON.stringify(customer)).toContain('"url":"http://rt/api/v1/shop/customer/import"');
    // A caller who may not read orders gets the customer's fields without the list.
    const narrow = entityPage(doc, doc.entities[0]!, {
      runtimeUrl: 'http://rt',
      access: { ...FULL_PAGE_ACCESS, related: new Map([['customer', null]]) },
    });
    const narrowDrawer = JSON.stringify(
      (narrow.body as Record<string, any>[])[0]!.columns.at(-1).buttons[0],
    );
    expect(narrowDrawer).toContain('"api":"get:http://rt/api/v1/shop/customer/${id}"');
    expect(narrowDrawer).not.toContain('orders');
  });

  it("shows a refused import's line errors under the file control", () => {
    const doc = shop('string');
    const page = entityPage(doc, doc.entities[0]!, { runtimeUrl: 'http://rt' });
    const crud = (page.body as Record<string, any>[])[0]!;
    const importButton = crud.headerToolbar.find(
      (b: { label?: string }) => b.label === 'Import CSV',
    );
    // amis turns this string into a function the same way.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const adaptor = new Function('payload', importButton.dialog.body.api.adaptor) as (
      p: unknown,
    ) => unknown;
    expect(
      adaptor({
        status: 422,
        msg: '2 lines',
        errors: { 'line 2': 'name: too long', 'line 4': 'x' },
      }),
    ).toEqual({
      status: 422,
      msg: '2 lines',
      errors: { file: 'line 2: name: too long\nline 4: x' },
    });
    expect(adaptor({ status: 0, data: { created: 3 } })).toEqual({
      status: 0,
      data: { created: 3 },
    });
  });

  it('saves an inline edit at once, with the version read', () => {
    const doc = shop('decimal');
    const page = entityPage(doc, doc.entities[1]!, { runtimeUrl: 'http://rt' });
    const crud = (page.body as Record<string, any>[])[0]!;
    expect(crud.quickSaveItemApi).toEqual({
      method: 'put',
      url: 'http://rt/api/v1/shop/order/${id}',
      data: { '&': '${modified}', version: '${version}' },
    });
    const total = crud.columns.find((c: { name?: string }) => c.name === 'value');
    expect(total.quickEdit).toMatchObject({ type: 'input-number', saveImmediately: true });
  });

  it('picks related rows by searching the related entity', () => {
    const doc = shop('string');
    const page = entityPage(doc, doc.entities[1]!, { runtimeUrl: 'http://rt' });
    const dialog = JSON.stringify((page.body as Record<string, any>[])[0]!.headerToolbar);
    expect(dialog).toContain(
      '"autoComplete":{"method":"get","url":"http://rt/api/v1/shop/customer?keywords=${term}&perPage=20"',
    );
    // Rows become options labelled by the related entity's first text field.
    expect(dialog).toContain('"options":"${items|pick:label~name,value~id}"');
  });

  it('passes every piece of model text to amis as text, never as markup or template', () => {
    const hostile = (k: string) => `<img src=x onerror=${k}> \${${k}} $${k} <%= ${k} %>`;
    const doc = shopModel((d) => {
      d.entities[1]!.name = hostile('entity');
      d.entities[1]!.fields.push({
        code: 'state',
        type: 'enum',
        name: hostile('field'),
        description: hostile('description'),
        options: [hostile('option'), 'plain'],
      });
    });
    const page = entityPage(doc, doc.entities[1]!, { runtimeUrl: 'http://localhost:3200' });
    // Each string amis reads as a template, with whether amis shows it as text (button labels,
    // dialog and table titles) or as HTML. Option labels and a mapping's keys are data to amis.
    const found: { text: string; plain: boolean }[] = [];
    const walk = (node: unknown, key: string, parent: Record<string, unknown>): void => {
      if (typeof node === 'string')
        found.push({
          text: node,
          plain:
            (key === 'label' && parent.type === 'button') ||
            (key === 'title' && (parent.type === 'dialog' || parent.type === 'table')),
        });
      else if (Array.isArray(node)) {
        if (key !== 'options') node.forEach((item) => walk(item, key, parent));
      } else if (typeof node === 'object' && node !== null)
        for (const [k, v] of Object.entries(node)) walk(v, k, node as Record<string, unknown>);
    };
    walk(page, '', {});
    const texts = found.filter((f) => /entity|field|description/.test(f.text));
    expect(texts.length).toBeGreaterThan(10);
    for (const { text, plain } of texts) {
      if (plain) {
        // Shown as text: every dollar escaped, and lodash kept off by a formula at the end.
        expect(text.endsWith("${''}")).toBe(true);
        expect(text.slice(0, -5)).not.toMatch(/(^|[^\\])\$/);
      } else expect(text).not.toMatch(/[<>$%]/);
    }
    // The mapping shows the option's text, escaped as its HTML.
    expect(JSON.stringify(page)).toContain('&#60;img src=x onerror=option&#62;');
  });
});
