import { describe, expect, it } from 'vitest';

import { applyPage, diffPage } from './overrides';

const generated = (fields: string[]) => ({
  type: 'page',
  title: 'Orders',
  body: [
    {
      type: 'crud',
      name: 'order',
      headerToolbar: ['bulkActions', { type: 'button', label: 'New order' }],
      columns: [
        ...fields.map((name) => ({ name, label: name, type: 'text' })),
        { type: 'operation', label: 'Actions', buttons: [{ type: 'button', label: 'Edit' }] },
      ],
    },
  ],
});

const edit = <T>(page: T, change: (copy: T) => void): T => {
  const copy = structuredClone(page);
  change(copy);
  return copy;
};
type Page = ReturnType<typeof generated>;
const columns = (page: unknown) => (page as Page).body[0]!.columns;

describe('page overrides', () => {
  it('give back the edited page when the generated page did not change', () => {
    const base = generated(['total', 'status']);
    const edited = edit(base, (p) => {
      p.title = 'All orders';
      p.body[0]!.columns[0]!.label = 'Amount';
      p.body[0]!.columns.splice(1, 1);
      p.body[0]!.headerToolbar.push('export-csv');
    });
    expect(applyPage(base, diffPage(base, edited))).toEqual({ page: edited, conflicts: [] });
    expect(diffPage(base, structuredClone(base))).toBeUndefined();
  });

  it('keep the edits by name when the model adds a field, which appears too', () => {
    const base = generated(['total', 'status']);
    const edited = edit(base, (p) => {
      p.body[0]!.columns[1]!.label = 'State';
      // Moved to the front.
      p.body[0]!.columns.unshift(p.body[0]!.columns.splice(1, 1)[0]!);
    });
    const { page, conflicts } = applyPage(
      generated(['total', 'note', 'status']),
      diffPage(base, edited),
    );
    expect(conflicts).toEqual([]);
    expect(columns(page).map((c) => ['name' in c ? c.name : c.label, c.label])).toEqual([
      ['status', 'State'],
      ['total', 'total'],
      ['note', 'note'],
      ['Actions', 'Actions'],
    ]);
  });

  it('report an edit of a column whose field was dropped, and apply the rest', () => {
    const base = generated(['total', 'notes']);
    const edited = edit(base, (p) => {
      p.title = 'Orders (edited)';
      p.body[0]!.columns[1]!.label = 'Remarks';
    });
    const { page, conflicts } = applyPage(generated(['total']), diffPage(base, edited));
    expect(conflicts).toEqual([
      'The override changes "notes" in body › order › columns, which the generated page no longer has',
    ]);
    expect((page as Page).title).toBe('Orders (edited)');
    expect(columns(page).map((c) => c.label)).toEqual(['total', 'Actions']);
  });

  it('replace lists without names, and values of another kind, as a whole', () => {
    expect(diffPage([1, 2], [2, 1])).toEqual({ $set: [2, 1] });
    expect(diffPage({ a: 1 }, 'x')).toEqual({ $set: 'x' });
    expect(applyPage({ a: 1, b: 2 }, diffPage({ a: 1, b: 2 }, { a: 1 }))).toEqual({
      page: { a: 1 },
      conflicts: [],
    });
  });
});
