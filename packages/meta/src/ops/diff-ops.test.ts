import { describe, expect, it } from 'vitest';

import type { ModelDocument } from '../document';
import { assignIds } from '../plan';
import { canonicalDocument, validateDocument } from '../serialize';
import { shopModel, type ShopDraft } from '../testing';
import { applyOps } from './apply';
import { documentOps } from './diff-ops';

const base = () => assignIds(shopModel(), null);

/** `edit` applied to a copy of `before`, validated, ids matched as a sync tool's document gets them. */
function edited(before: ModelDocument, edit: (doc: ShopDraft) => void): ModelDocument {
  const after = structuredClone(before) as unknown as ShopDraft;
  edit(after);
  const checked = validateDocument(after);
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  return assignIds(checked.document, before);
}

const cases: Record<string, (doc: ShopDraft) => void> = {
  'nothing changed': () => undefined,
  'an entity renamed and described': (doc) => {
    Object.assign(doc.entities[0]!, { code: 'client', description: 'Who buys' });
    for (const r of doc.relations) if (r.to === 'customer') r.to = 'client';
  },
  'fields added, removed, changed and reordered': (doc) => {
    const order = doc.entities[1]!;
    order.fields = [
      { code: 'note', type: 'text' },
      { ...order.fields[1]!, default: undefined, options: ['new', 'paid'] },
      { code: 'paid_at', type: 'datetime' },
    ];
  },
  'an entity and its relation added, with a position': (doc) => {
    doc.entities.push({
      code: 'tag',
      position: { x: 5, y: 6 },
      fields: [{ code: 'label', type: 'string' }],
    });
    doc.relations.push({
      code: 'order_tag',
      type: 'many-to-one',
      from: 'order',
      to: 'tag',
      field: 'tag',
    });
  },
  'an entity deleted with its relation': (doc) => {
    doc.entities = doc.entities.filter((e) => e.code !== 'customer');
    doc.relations = [];
  },
  'a relation changed end and behaviour': (doc) => {
    Object.assign(doc.relations[0]!, {
      to: 'order',
      onDelete: 'cascade',
      inverse: undefined,
      field: 'parent',
    });
  },
  'moved, with notes and a project name': (doc) => {
    Object.assign(doc.entities[1]!, { position: { x: 100, y: 200 } });
    Object.assign(doc, {
      name: 'Shop',
      notes: [
        { id: '00000000-0000-4000-8000-000000000001', text: 'EUR', position: { x: 1, y: 2 } },
      ],
    });
  },
};

describe('the operations between two documents', () => {
  it.each(Object.entries(cases))('turn one into the other: %s', (_name, edit) => {
    const before = base();
    const after = edited(before, edit);
    const ops = documentOps(before, after);
    const result = applyOps(before, ops);
    expect(result.ok && canonicalDocument(result.document)).toEqual(canonicalDocument(after));
    if (_name === 'nothing changed') expect(ops).toEqual([]);
  });

  it('say what changed, not the whole of it', () => {
    const before = base();
    const after = edited(before, cases['an entity renamed and described']!);
    expect(documentOps(before, after)).toEqual([
      {
        op: 'entity.update',
        id: before.entities[0]!.id,
        changes: { code: 'client', description: 'Who buys' },
      },
    ]);
  });
});
