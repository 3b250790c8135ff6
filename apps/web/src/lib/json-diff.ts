/** A flat, key-by-key comparison of two JSON documents, for showing audit before/after. */
export interface DiffRow {
  path: string;
  before: unknown;
  after: unknown;
  kind: 'added' | 'removed' | 'changed' | 'same';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function jsonDiff(before: unknown, after: unknown, prefix = ''): DiffRow[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => {
      const path = prefix ? `${prefix}.${key}` : key;
      if (!(key in after))
        return [{ path, before: before[key], after: undefined, kind: 'removed' as const }];
      if (!(key in before))
        return [{ path, before: undefined, after: after[key], kind: 'added' as const }];
      return jsonDiff(before[key], after[key], path);
    });
  }
  const path = prefix || '(value)';
  if (before === undefined || before === null) {
    if (after === undefined || after === null) return [];
    if (isPlainObject(after))
      return Object.keys(after)
        .sort()
        .map((k) => ({
          path: prefix ? `${prefix}.${k}` : k,
          before: undefined,
          after: after[k],
          kind: 'added' as const,
        }));
    return [{ path, before: undefined, after, kind: 'added' }];
  }
  if (after === undefined || after === null) {
    if (isPlainObject(before))
      return Object.keys(before)
        .sort()
        .map((k) => ({
          path: prefix ? `${prefix}.${k}` : k,
          before: before[k],
          after: undefined,
          kind: 'removed' as const,
        }));
    return [{ path, before, after: undefined, kind: 'removed' }];
  }
  const same = JSON.stringify(before) === JSON.stringify(after);
  return [{ path, before, after, kind: same ? 'same' : 'changed' }];
}
