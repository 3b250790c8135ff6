import { describe, expect, it } from 'vitest';

import { canonicalDocument, validateDocument } from '../serialize';
import type { ModelDocument } from '../document';
import { applyOps } from './apply';
import { invertOps } from './invert';
import { keysCollide, keyTarget, opKeys, valueAtKey } from './keys';
import { applied, entity, field, id, shop } from './test-model';
import { type ModelOp, ZModelOp } from './types';

/** Every kind of operation, on the shop model. */
function everyKind(doc: ModelDocument): Record<string, ModelOp[]> {
  const customer = entity(doc, 'customer').id!;
  const order = entity(doc, 'order').id!;
  const relation = doc.relations[0]!.id!;
  const tag = id();
  const note = id();
  return {
    'project.update': [{ op: 'project.update', changes: { name: 'Shop', description: 'Orders' } }],
    'entity.create': [
      {
        op: 'entity.create',
        entity: {
          id: tag,
          code: 'tag',
          fields: [{ id: id(), code: 'label', type: 'string', length: 40 }],
        },
        position: { x: 10, y: 20 },
      },
    ],
    'entity.update (rename)': [
      {
        op: 'entity.update',
        id: customer,
        changes: { code: 'client', name: 'Client', category: 'People' },
      },
    ],
    'entity.delete (with its relation)': [{ op: 'entity.delete', id: customer }],
    'field.create': [
      {
        op: 'field.create',
        entity: order,
        field: { id: id(), code: 'note', type: 'text' },
        index: 1,
      },
    ],
    'field.update (new type, removed default)': [
      {
        op: 'field.update',
        entity: order,
        id: field(doc, 'order', 'status').id!,
        changes: { type: 'string', length: 20, options: null, default: null },
      },
    ],
    'field.delete': [{ op: 'field.delete', entity: order, id: field(doc, 'order', 'total').id! }],
    'field.move': [
      { op: 'field.move', entity: order, id: field(doc, 'order', 'status').id!, index: 0 },
    ],
    'relation.create (many-to-many through a junction)': [
      { op: 'entity.create', entity: { id: tag, code: 'tag', fields: [] } },
      { op: 'entity.create', entity: { id: id(), code: 'order_tag', fields: [] } },
      {
        op: 'relation.create',
        relation: { id: id(), code: 'order_tags', type: 'many-to-many', field: 'tags' },
        from: order,
        to: tag,
      },
    ],
    'relation.update': [
      {
        op: 'relation.update',
        id: relation,
        changes: { onDelete: 'cascade', inverse: null, from: order },
      },
    ],
    'relation.delete': [{ op: 'relation.delete', id: relation }],
    'layout.move': [
      { op: 'layout.move', positions: { [customer]: { x: 1, y: 2 }, [order]: { x: 3, y: 4 } } },
    ],
    notes: [
      { op: 'note.create', note: { id: note, text: 'Ask finance', position: { x: 0, y: 0 } } },
      { op: 'note.update', id: note, changes: { text: 'Asked', color: '#ffee88' } },
    ],
  };
}

describe('model operations', () => {
  it('parse as the API receives them', () => {
    for (const ops of Object.values(everyKind(shop())))
      for (const op of ops) expect(ZModelOp.safeParse(op).success, op.op).toBe(true);
    expect(
      ZModelOp.safeParse({ op: 'entity.update', id: id(), changes: { colour: 'red' } }).success,
    ).toBe(false);
    expect(
      ZModelOp.safeParse({ op: 'field.update', entity: id(), id: id(), changes: {} }).success,
    ).toBe(false);
  });

  it('each kind does what it says and leaves a valid model', () => {
    const doc = shop();
    const kinds = everyKind(doc);
    const after = (name: string) => applied(doc, kinds[name]!);
    expect(after('project.update').name).toBe('Shop');
    expect(entity(after('entity.create'), 'tag').position).toEqual({ x: 10, y: 20 });
    const renamed = after('entity.update (rename)');
    expect(renamed.relations[0]).toMatchObject({ to: 'client' });
    expect(after('entity.delete (with its relation)').relations).toEqual([]);
    expect(entity(after('field.create'), 'order').fields.map((f) => f.code)).toEqual([
      'total',
      'note',
      'status',
    ]);
    expect(
      field(after('field.update (new type, removed default)'), 'order', 'status'),
    ).not.toHaveProperty('default');
    expect(entity(after('field.move'), 'order').fields.map((f) => f.code)).toEqual([
      'status',
      'total',
    ]);
    expect(after('relation.create (many-to-many through a junction)').relations[1]).toMatchObject({
      from: 'order',
      to: 'tag',
    });
    expect(after('relation.update').relations[0]).toMatchObject({
      onDelete: 'cascade',
      from: 'order',
    });
    expect(entity(after('layout.move'), 'order').position).toEqual({ x: 3, y: 4 });
    expect(after('notes').notes).toEqual([
      expect.objectContaining({ text: 'Asked', color: '#ffee88' }),
    ]);
    for (const [name, ops] of Object.entries(kinds)) {
      if (name === 'relation.update') continue; // a self relation on order: valid too, checked below
      const result = validateDocument(applied(doc, ops));
      expect(result.ok ? [] : result.issues, name).toEqual([]);
    }
  });

  it('each kind is undone by its inverse, back to the same document', () => {
    const doc = shop();
    for (const [name, ops] of Object.entries(everyKind(doc))) {
      const inverse = invertOps(doc, ops);
      const restored = applied(applied(doc, ops), inverse);
      expect(canonicalDocument(restored), name).toEqual(canonicalDocument(doc));
    }
  });

  it('the inverse of the inverse redoes the edit', () => {
    const doc = shop();
    for (const [name, ops] of Object.entries(everyKind(doc))) {
      const after = applied(doc, ops);
      const undo = invertOps(doc, ops);
      const redo = invertOps(after, undo);
      expect(canonicalDocument(applied(applied(after, undo), redo)), name).toEqual(
        canonicalDocument(after),
      );
    }
  });

  it('refuses an operation on what is not there, naming it', () => {
    const doc = shop();
    const result = applyOps(doc, [
      { op: 'field.delete', entity: entity(doc, 'order').id!, id: id() },
    ]);
    expect(result).toMatchObject({
      ok: false,
      index: 0,
      message: expect.stringContaining("'order'"),
    });
    expect(
      applyOps(doc, [{ op: 'entity.create', entity: { id: id(), code: 'order', fields: [] } }]),
    ).toMatchObject({ ok: false, message: "Entity 'order' is already in the model" });
    // The document passed in is never changed.
    expect(entity(doc, 'order').fields).toHaveLength(2);
  });
});

describe('operation keys', () => {
  it('an entity deletion holds its properties, its fields and the relations that reach it', () => {
    const doc = shop();
    const customer = entity(doc, 'customer').id!;
    const keys = opKeys(doc, { op: 'entity.delete', id: customer });
    expect(keys).toEqual([`e:${customer}`, `r:${doc.relations[0]!.id}`]);
    expect(keysCollide(`e:${customer}`, `e:${customer}.name`)).toBe(true);
    expect(keysCollide(`e:${customer}`, `e:${customer}/f:x.type`)).toBe(true);
    expect(keysCollide(`e:${customer}.name`, `e:${customer}.category`)).toBe(false);
    expect(keysCollide(`e:${customer}.name`, `e:${customer}/f:x`)).toBe(false);
    expect(keysCollide('e:ab', 'e:abc')).toBe(false);
  });

  it('name where a conflict happened', () => {
    expect(keyTarget('e:1/f:2.type')).toEqual({ entity: '1', field: '2', property: 'type' });
    expect(keyTarget('e:1.name')).toEqual({ entity: '1', property: 'name' });
    expect(keyTarget('r:9')).toEqual({ relation: '9' });
    expect(keyTarget('p.name')).toEqual({ property: 'name' });
  });
});

describe('the value at a key', () => {
  it('is the property, the thing, or undefined when gone', () => {
    const doc = shop();
    const order = entity(doc, 'order');
    const status = field(doc, 'order', 'status');
    expect(valueAtKey(doc, `e:${order.id}/f:${status.id}.options`)).toEqual([
      'new',
      'paid',
      'shipped',
    ]);
    expect(valueAtKey(doc, `e:${order.id}/f:${status.id}`)).toBe(status);
    expect(valueAtKey(doc, `e:${order.id}.code`)).toBe('order');
    expect(valueAtKey(doc, `r:${doc.relations[0]!.id}.onDelete`)).toBe('restrict');
    expect(valueAtKey(doc, `e:${id()}`)).toBeUndefined();
  });
});
