import { applyOps, assignIds, validateDocument } from '@tessera/meta';
import { shopModel } from '@tessera/meta/testing';
import { describe, expect, it } from 'vitest';

import { ruleProblem } from '../model/store';
import { defaultRelation, relationOps } from './relation-dialog';

const ids = () => ({ relation: crypto.randomUUID(), junction: crypto.randomUUID() });

function shop() {
  const doc = assignIds(
    shopModel((d) => {
      d.entities.push({ code: 'tag', fields: [{ code: 'label', type: 'string' }] });
      d.entities[1]!.fields.push({ code: 'tag_ref', type: 'uuid' });
    }),
    null,
  );
  const id = (code: string) => doc.entities.find((e) => e.code === code)!;
  return { doc, order: id('order'), tag: id('tag'), customer: id('customer') };
}

describe('relating two entities by dragging', () => {
  it('proposes names that are free, and creates a valid many-to-one', () => {
    const { doc, order, customer } = shop();
    const form = defaultRelation(doc, order.id!, customer.id!);
    // order already has a `customer` field (the shop's relation): the next free name.
    expect(form).toMatchObject({
      code: 'order_customer_2',
      field: 'customer_2',
      inverse: 'orders_2',
    });
    const ops = relationOps(doc, order.id!, customer.id!, form, ids());
    expect(ruleProblem(doc, ops)).toBeNull();
  });

  it('turns the field it was dragged from into the relation’s key', () => {
    const { doc, order, tag } = shop();
    const field = order.fields.find((f) => f.code === 'tag_ref')!;
    const form = defaultRelation(doc, order.id!, tag.id!, field.id);
    expect(form.field).toBe('tag_ref');
    const ops = relationOps(doc, order.id!, tag.id!, form, ids(), field.id);
    const result = applyOps(doc, ops);
    expect(result.ok && validateDocument(result.document).ok).toBe(true);
    if (!result.ok) return;
    const after = result.document.entities.find((e) => e.code === 'order')!;
    expect(after.fields.map((f) => f.code)).not.toContain('tag_ref');
    expect(result.document.relations.at(-1)).toMatchObject({
      from: 'order',
      to: 'tag',
      field: 'tag_ref',
    });
  });

  it('creates a many-to-many with its junction in the same edit', () => {
    const { doc, order, tag } = shop();
    const form = {
      ...defaultRelation(doc, order.id!, tag.id!),
      type: 'many-to-many' as const,
      code: 'order_tags',
      field: 'tags',
    };
    const ops = relationOps(doc, order.id!, tag.id!, form, ids());
    expect(ops.map((o) => o.op)).toEqual(['entity.create', 'relation.create']);
    expect(ruleProblem(doc, ops)).toBeNull();
  });
});
