import { describe, expect, it } from 'vitest';

import type { ModelDocumentInput } from './document';
import { parseDocument, serializeDocument, validateDocument } from './serialize';
import { SHOP_YAML as shopYaml } from './testing';

function issuesOf(input: unknown) {
  const result = validateDocument(input);
  return result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
}

const minimal = (patch: Partial<ModelDocumentInput> = {}): ModelDocumentInput => ({
  project: 'shop',
  entities: [{ code: 'customer', fields: [{ code: 'name', type: 'string' }] }],
  ...patch,
});

describe('model document', () => {
  it('reads the shop example', () => {
    const result = parseDocument(shopYaml);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const order = result.document.entities.find((e) => e.code === 'order')!;
    expect(order.fields[0]).toMatchObject({
      code: 'total',
      type: 'decimal',
      precision: 12,
      scale: 2,
      validation: { min: 0 },
    });
    expect(result.document.relations[0]).toMatchObject({
      type: 'many-to-one',
      field: 'customer',
      inverse: 'orders',
    });
  });

  it('round-trips through YAML and JSON unchanged', () => {
    const first = parseDocument(shopYaml);
    if (!first.ok) throw new Error('shop example invalid');
    for (const format of ['yaml', 'json'] as const) {
      const text = serializeDocument(first.document, format);
      const again = parseDocument(text);
      expect(again.ok && serializeDocument(again.document, format)).toBe(text);
    }
  });

  it('rejects hostile and reserved codes with messages that name them', () => {
    expect(issuesOf(minimal({ project: 'public' }))).toEqual([
      'project: project code "public" is reserved',
    ]);
    expect(issuesOf(minimal({ entities: [{ code: '__proto__', fields: [] }] }))[0]).toMatch(
      /entities.0.code: entity code "__proto__" must be/,
    );
    expect(issuesOf(minimal({ entities: [{ code: 'constructor', fields: [] }] }))[0]).toMatch(
      /reserved in generated code/,
    );
    expect(
      issuesOf(
        minimal({ entities: [{ code: 'x', fields: [{ code: 'select', type: 'text' }] }] }),
      ).join(),
    ).toMatch(/"select" is a reserved SQL word/);
    expect(
      issuesOf(
        minimal({ entities: [{ code: 'ok_entity', fields: [{ code: 'a"b', type: 'text' }] }] }),
      ).join(),
    ).toMatch(/"a\\"b" must be/);
    expect(
      issuesOf(
        minimal({ entities: [{ code: 'ok_entity', fields: [{ code: 'id', type: 'uuid' }] }] }),
      ).join(),
    ).toMatch(/system field/);
  });

  it('rejects unknown keys, so a typo does not pass silently', () => {
    expect(issuesOf({ ...minimal(), entites: [] }).join()).toMatch(/Unrecognized key/);
    expect(
      issuesOf(
        minimal({
          entities: [{ code: 'customer', fields: [{ code: 'name', type: 'string', lenght: 5 }] }],
        } as never),
      ).join(),
    ).toMatch(/Unrecognized key/);
  });

  it('checks cross-references', () => {
    const dup = issuesOf(
      minimal({
        entities: [
          {
            code: 'customer',
            fields: [
              { code: 'name', type: 'text' },
              { code: 'name', type: 'text' },
            ],
          },
        ],
      }),
    );
    expect(dup).toContain("entities.0.fields.1.code: Field 'name' is defined twice in 'customer'");
    const missing = issuesOf(
      minimal({
        relations: [{ code: 'order_customer', type: 'many-to-one', from: 'order', to: 'customer' }],
      }),
    );
    expect(missing).toContain("relations.0.from: Relation 'order_customer': no entity 'order'");
    const clash = issuesOf(
      minimal({
        relations: [
          {
            code: 'self_ref',
            type: 'many-to-one',
            from: 'customer',
            to: 'customer',
            field: 'name',
          },
        ],
      }),
    );
    expect(clash).toContain(
      "relations.0.field: Relation 'self_ref': 'customer' already has a field 'name'",
    );
    const nullRequired = issuesOf(
      minimal({
        relations: [
          {
            code: 'parent',
            type: 'many-to-one',
            from: 'customer',
            to: 'customer',
            field: 'parent',
            required: true,
            onDelete: 'set-null',
          },
        ],
      }),
    );
    expect(nullRequired.join()).toMatch(/required relation cannot set null/);
  });

  it('allows two named relations between the same entities, and self relations', () => {
    const doc = minimal({
      entities: [
        { code: 'customer', fields: [] },
        { code: 'order', fields: [] },
      ],
      relations: [
        {
          code: 'order_buyer',
          type: 'many-to-one',
          from: 'order',
          to: 'customer',
          field: 'buyer',
          inverse: 'purchases',
        },
        {
          code: 'order_payer',
          type: 'many-to-one',
          from: 'order',
          to: 'customer',
          field: 'payer',
          inverse: 'payments',
        },
        {
          code: 'referrer',
          type: 'many-to-one',
          from: 'customer',
          to: 'customer',
          field: 'referred_by',
          inverse: 'referrals',
          onDelete: 'set-null',
        },
      ],
    });
    expect(issuesOf(doc)).toEqual([]);
  });

  it('validates field parameters, rules and defaults against the type', () => {
    const doc = (field: object) =>
      minimal({ entities: [{ code: 'customer', fields: [field as never] }] });
    expect(
      issuesOf(doc({ code: 'status', type: 'enum', options: ['a', 'b'], default: 'c' })).join(),
    ).toMatch(/default: Must be one of: a, b/);
    expect(
      issuesOf(doc({ code: 'amount', type: 'decimal', precision: 4, scale: 6 })).join(),
    ).toMatch(/scale must not exceed precision/);
    expect(
      issuesOf(
        doc({ code: 'label', type: 'string', length: 10, validation: { maxLength: 20 } }),
      ).join(),
    ).toMatch(/maxLength 20 exceeds the column length 10/);
    expect(issuesOf(doc({ code: 'flag', type: 'boolean', validation: { min: 1 } })).join()).toMatch(
      /min\/max apply to numeric fields/,
    );
    expect(
      issuesOf(doc({ code: 'code2', type: 'string', validation: { pattern: '([' } })).join(),
    ).toMatch(/Not a valid pattern/);
    expect(issuesOf(doc({ code: 'tags', type: 'enum', options: ['a', 'a'] })).join()).toMatch(
      /options must be unique/,
    );
    expect(issuesOf(doc({ code: 'seen_at', type: 'datetime', default: { fn: 'now' } }))).toEqual(
      [],
    );
    expect(issuesOf(doc({ code: 'qty', type: 'integer', default: { fn: 'now' } })).join()).toMatch(
      /does not suit/,
    );
  });

  it('checks computed expressions against the entity’s own fields', () => {
    const doc = (expression: string) =>
      minimal({
        entities: [
          {
            code: 'line',
            fields: [
              { code: 'price', type: 'decimal' },
              { code: 'qty', type: 'integer' },
              { code: 'amount', type: 'computed', expression, resultType: 'decimal' },
            ],
          },
        ],
      });
    expect(issuesOf(doc('price * qty'))).toEqual([]);
    expect(issuesOf(doc('price * other')).join()).toMatch(/Unknown field 'other'/);
    expect(issuesOf(doc('price; drop table x')).join()).toMatch(/Unexpected ';'/);
  });

  it('reports YAML syntax errors with a line number, and refuses alias bombs', () => {
    const result = parseDocument('project: shop\nentities: [\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]!.path).toMatch(/^line \d+$/);
    const bomb = `a: &a [x,x,x,x,x,x,x,x,x,x]\n${Array.from(
      { length: 12 },
      (_, i) =>
        `b${i}: &b${i} [${Array(10)
          .fill(i === 0 ? '*a' : `*b${i - 1}`)
          .join(',')}]`,
    ).join('\n')}\n`;
    expect(parseDocument(bomb).ok).toBe(false);
  });
});

describe('many-to-many junctions', () => {
  it('refuses a junction entity whose own fields clash with its key columns', () => {
    const result = validateDocument({
      project: 'shop',
      entities: [
        { code: 'order', fields: [] },
        { code: 'tag', fields: [] },
        { code: 'order_tag', fields: [{ code: 'tag', type: 'text' }] },
      ],
      relations: [
        {
          code: 'order_tags',
          type: 'many-to-many',
          from: 'order',
          to: 'tag',
          through: 'order_tag',
        },
      ],
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues[0]!.message).toBe(
        "Relation 'order_tags': junction 'order_tag' already has a field 'tag'",
      );
  });
});
