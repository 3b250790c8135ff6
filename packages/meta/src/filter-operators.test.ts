import { describe, expect, it } from 'vitest';

import { FIELD_TYPES } from './fields';
import { filterOperators, filterType } from './filter-operators';

describe('filter operators per field type', () => {
  it('give every type equality, lists and null checks', () => {
    for (const type of FIELD_TYPES)
      expect(filterOperators(type)).toEqual(
        expect.arrayContaining(['_eq', '_neq', '_in', '_nin', '_null', '_nnull']),
      );
  });

  it('give ordered types comparisons and ranges, text types text matching', () => {
    expect(filterOperators('decimal')).toContain('_between');
    expect(filterOperators('decimal')).not.toContain('_contains');
    expect(filterOperators('email')).toEqual(expect.arrayContaining(['_lt', '_icontains']));
    expect(filterOperators('boolean')).not.toContain('_lt');
    expect(filterOperators('json')).not.toContain('_contains');
    expect(filterOperators('enum-multi')).not.toContain('_gt');
  });

  it('filter a computed field as its result type', () => {
    expect(filterType({ type: 'computed', resultType: 'integer' })).toBe('integer');
    expect(filterType({ type: 'url' })).toBe('url');
  });
});
