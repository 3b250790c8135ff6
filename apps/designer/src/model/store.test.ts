import { assignIds, type ModelDocument } from '@tessera/meta';
import { shopModel } from '@tessera/meta/testing';
import { describe, expect, it } from 'vitest';

import { createDesignerStore } from './store';

function opened(canEdit = true) {
  const designer = createDesignerStore('shop');
  const saved = assignIds(shopModel(), null);
  designer.setPermissions(canEdit ? ['entity:read', 'entity:update'] : ['entity:read']);
  designer.loaded(saved, 3, 1);
  return { designer, saved };
}

const entity = (doc: ModelDocument | null, code: string) =>
  doc!.entities.find((e) => e.code === code)!;

describe('the designer’s edits', () => {
  it('shows an edit at once, queued with the revision it was made on', () => {
    const { designer, saved } = opened();
    const customer = entity(saved, 'customer');
    expect(
      designer.queue('rename', [
        { op: 'entity.update', id: customer.id!, changes: { name: 'Client' } },
      ]),
    ).toBeNull();
    const state = designer.get();
    expect(entity(state.model, 'customer').name).toBe('Client');
    expect(entity(state.saved, 'customer').name).toBe('Customer');
    expect(state.pending).toMatchObject([{ label: 'rename', baseRevision: 3, state: 'queued' }]);
  });

  it('refuses before sending what publishing would refuse, and a reader’s edits', () => {
    const { designer, saved } = opened();
    const order = entity(saved, 'order');
    const problem = designer.queue('add', [
      {
        op: 'field.create',
        entity: order.id!,
        field: { id: crypto.randomUUID(), code: 'total', type: 'text' },
      },
    ]);
    expect(problem).toContain("'total' is defined twice");
    expect(designer.get().pending).toEqual([]);
    const reader = opened(false).designer;
    expect(
      reader.queue('rename', [{ op: 'entity.update', id: order.id!, changes: { name: 'x' } }]),
    ).toMatch(/not change/);
  });

  it('undoes and redoes as edits of their own', () => {
    const { designer, saved } = opened();
    const customer = entity(saved, 'customer');
    designer.queue('rename', [
      { op: 'entity.update', id: customer.id!, changes: { name: 'Client' } },
    ]);
    designer.undo();
    expect(entity(designer.get().model, 'customer').name).toBe('Customer');
    expect(designer.get().pending.map((e) => e.label)).toEqual(['rename', 'Undo rename']);
    expect(designer.get().redo).toHaveLength(1);
    designer.redo();
    expect(entity(designer.get().model, 'customer').name).toBe('Client');
    expect(designer.get().pending).toHaveLength(3);
    expect(designer.get().redo).toHaveLength(0);
    // A new edit after an undo clears what could be redone.
    designer.undo();
    designer.queue('category', [
      { op: 'entity.update', id: customer.id!, changes: { category: 'People' } },
    ]);
    expect(designer.get().redo).toEqual([]);
  });

  it('drops a saved edit once a later read of the draft holds it, and keeps unsaved ones on top', () => {
    const { designer, saved } = opened();
    const customer = entity(saved, 'customer');
    designer.queue('rename', [
      { op: 'entity.update', id: customer.id!, changes: { name: 'Client' } },
    ]);
    designer.queue('category', [
      { op: 'entity.update', id: customer.id!, changes: { category: 'People' } },
    ]);
    const [first, second] = designer.get().pending;
    designer.update(first!.id, { state: 'saved', savedAt: 1 });
    const after = structuredClone(saved);
    entity(after, 'customer').name = 'Client';
    designer.loaded(after, 4, 2);
    expect(designer.get().pending.map((e) => e.id)).toEqual([second!.id]);
    expect(entity(designer.get().model, 'customer')).toMatchObject({
      name: 'Client',
      category: 'People',
    });
  });

  it('keeps a conflicting edit out of the model until the modeler keeps it or takes theirs', () => {
    const { designer, saved } = opened();
    const customer = entity(saved, 'customer');
    designer.queue('rename', [
      { op: 'entity.update', id: customer.id!, changes: { name: 'Client' } },
    ]);
    const edit = designer.get().pending[0]!;
    designer.update(edit.id, { state: 'conflict', conflicts: [] });
    expect(entity(designer.get().model, 'customer').name).toBe('Customer');
    const theirs = structuredClone(saved);
    entity(theirs, 'customer').name = 'Buyer';
    designer.loaded(theirs, 5, 2);
    designer.keepMine(edit.id);
    expect(designer.get().pending[0]).toMatchObject({ state: 'queued', baseRevision: 5 });
    expect(entity(designer.get().model, 'customer').name).toBe('Client');
    designer.discard(edit.id);
    expect(designer.get().pending).toEqual([]);
    expect(designer.get().undo).toEqual([]);
    expect(entity(designer.get().model, 'customer').name).toBe('Buyer');
  });

  it('marks an unsaved edit refused when the draft no longer has what it changes', () => {
    const { designer, saved } = opened();
    const customer = entity(saved, 'customer');
    designer.queue('rename', [
      { op: 'entity.update', id: customer.id!, changes: { name: 'Client' } },
    ]);
    const gone = structuredClone(saved);
    gone.entities = gone.entities.filter((e) => e.code !== 'customer');
    gone.relations = [];
    designer.loaded(gone, 6, 2);
    expect(designer.get().pending[0]).toMatchObject({
      state: 'refused',
      problem: { message: expect.stringContaining('not in the model') },
    });
  });
});
