import { describe, expect, it } from 'vitest';

import type { ModelDocument } from '../document';
import { opKeys } from './keys';
import { mergeOps } from './merge';
import { applied, entity, field, id, shop } from './test-model';
import type { ModelOp } from './types';

describe('merging an edit made on an older revision', () => {
  const setup = () => {
    const base = shop();
    const customer = entity(base, 'customer').id!;
    const order = entity(base, 'order').id!;
    const name = field(base, 'customer', 'name').id!;
    return { base, customer, order, name };
  };

  /** Another modeler's edit, saved first: the current draft and what it wrote. */
  function saved(base: ModelDocument, ops: ModelOp[], revision = 2) {
    return {
      document: applied(base, ops),
      later: [
        { revision, keys: ops.flatMap((op) => opKeys(base, op)), actor: 'ana', clientId: 'tab-a' },
      ],
    };
  }

  it('applies edits of different things onto the current draft', () => {
    const { base, customer, order, name } = setup();
    const theirs = saved(base, [
      { op: 'entity.update', id: customer, changes: { name: 'Client' } },
    ]);
    const result = mergeOps({
      ...theirs,
      clientId: 'tab-b',
      ops: [
        { op: 'entity.update', id: customer, changes: { category: 'People' } },
        { op: 'field.update', entity: customer, id: name, changes: { length: 200 } },
        {
          op: 'field.create',
          entity: order,
          field: { id: id(), code: 'paid_at', type: 'datetime' },
        },
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(entity(result.document, 'customer')).toMatchObject({
      name: 'Client',
      category: 'People',
    });
    expect(field(result.document, 'customer', 'name')).toMatchObject({ length: 200 });
    expect(result.keys).toContain(`e:${customer}.category`);
  });

  it('refuses a change of the same property, naming both keys and who', () => {
    const { base, customer } = setup();
    const theirs = saved(base, [
      { op: 'entity.update', id: customer, changes: { name: 'Client' } },
    ]);
    const result = mergeOps({
      ...theirs,
      clientId: 'tab-b',
      ops: [{ op: 'entity.update', id: customer, changes: { name: 'Buyer' } }],
    });
    expect(result).toEqual({
      ok: false,
      conflicts: [
        {
          index: 0,
          key: `e:${customer}.name`,
          theirs: `e:${customer}.name`,
          revision: 2,
          actor: 'ana',
        },
      ],
    });
  });

  it('refuses an edit inside what was deleted meanwhile, and a deletion of what was edited', () => {
    const { base, customer, name } = setup();
    const deleted = saved(base, [{ op: 'entity.delete', id: customer }]);
    expect(
      mergeOps({
        ...deleted,
        clientId: 'b',
        ops: [{ op: 'field.update', entity: customer, id: name, changes: { required: false } }],
      }),
    ).toMatchObject({
      ok: false,
      conflicts: [{ key: `e:${customer}/f:${name}.required`, theirs: `e:${customer}` }],
    });
    const edited = saved(base, [
      { op: 'field.update', entity: customer, id: name, changes: { required: false } },
    ]);
    expect(
      mergeOps({ ...edited, clientId: 'b', ops: [{ op: 'entity.delete', id: customer }] }),
    ).toMatchObject({
      ok: false,
      conflicts: [{ key: `e:${customer}`, theirs: `e:${customer}/f:${name}.required` }],
    });
  });

  it('a deletion meets a relation added meanwhile to what it deletes', () => {
    const { base, customer, order } = setup();
    const theirs = saved(base, [
      {
        op: 'relation.create',
        relation: { id: id(), code: 'customer_referrer', type: 'many-to-one', field: 'referrer' },
        from: customer,
        to: order,
      },
    ]);
    expect(
      mergeOps({ ...theirs, clientId: 'b', ops: [{ op: 'entity.delete', id: order }] }),
    ).toMatchObject({
      ok: false,
      conflicts: [{ key: expect.stringMatching(/^r:/) }],
    });
  });

  it("never collides with the same editor's own earlier edits, nor on layout", () => {
    const { base, customer } = setup();
    const theirs = saved(base, [
      { op: 'entity.update', id: customer, changes: { name: 'Client' } },
      { op: 'layout.move', positions: { [customer]: { x: 5, y: 5 } } },
    ]);
    expect(
      mergeOps({
        ...theirs,
        clientId: 'tab-a',
        ops: [{ op: 'entity.update', id: customer, changes: { name: 'Clients' } }],
      }).ok,
    ).toBe(true);
    const moved = mergeOps({
      ...theirs,
      clientId: 'tab-b',
      ops: [{ op: 'layout.move', positions: { [customer]: { x: 9, y: 9 } } }],
    });
    expect(moved.ok && entity(moved.document, 'customer').position).toEqual({ x: 9, y: 9 });
  });

  it('refuses an operation on something deleted meanwhile that no key names', () => {
    const { base, customer, order } = setup();
    const theirs = saved(base, [{ op: 'entity.delete', id: customer }]);
    expect(
      mergeOps({
        ...theirs,
        clientId: 'b',
        ops: [
          {
            op: 'relation.create',
            relation: { id: id(), code: 'order_buyer', type: 'many-to-one', field: 'buyer' },
            from: order,
            to: customer,
          },
        ],
      }),
    ).toMatchObject({
      ok: false,
      refused: { index: 0, message: expect.stringContaining('not in the model') },
    });
  });
});
