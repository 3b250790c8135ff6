import { describe, expect, it } from 'vitest';

import { jsonDiff } from './json-diff';

describe('jsonDiff', () => {
  it('reports changed, added, removed and unchanged keys', () => {
    const rows = jsonDiff(
      { name: 'A', roles: ['viewer'], gone: 1, same: true },
      { name: 'B', roles: ['viewer'], added: 2, same: true },
    );
    expect(rows).toEqual([
      { path: 'added', before: undefined, after: 2, kind: 'added' },
      { path: 'gone', before: 1, after: undefined, kind: 'removed' },
      { path: 'name', before: 'A', after: 'B', kind: 'changed' },
      { path: 'roles', before: ['viewer'], after: ['viewer'], kind: 'same' },
      { path: 'same', before: true, after: true, kind: 'same' },
    ]);
  });

  it('lists every key of a created or deleted document', () => {
    expect(jsonDiff(null, { a: 1 })).toEqual([
      { path: 'a', before: undefined, after: 1, kind: 'added' },
    ]);
    expect(jsonDiff({ a: 1 }, null)).toEqual([
      { path: 'a', before: 1, after: undefined, kind: 'removed' },
    ]);
    expect(jsonDiff(null, null)).toEqual([]);
  });

  it('walks nested objects', () => {
    expect(jsonDiff({ a: { b: 1 } }, { a: { b: 2 } })).toEqual([
      { path: 'a.b', before: 1, after: 2, kind: 'changed' },
    ]);
  });
});
