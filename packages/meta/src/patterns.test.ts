import { describe, expect, it } from 'vitest';

import { ZField } from './fields';
import { matchesPattern, patternProblem } from './patterns';
import { checkValue } from './values';

describe('validation patterns', () => {
  it('match in linear time: a pattern that backtracks exponentially elsewhere is instant', () => {
    const started = performance.now();
    // ^(a+)+$ against 30 a's and a mismatch took a backtracking engine 14 s.
    expect(matchesPattern('^(a+)+$', `${'a'.repeat(30)}!`)).toBe(false);
    expect(matchesPattern('^(a+)+$', `${'a'.repeat(100_000)}!`)).toBe(false);
    expect(matchesPattern('(x+x+)+y', 'x'.repeat(50_000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('match anywhere unless anchored, as JavaScript patterns do', () => {
    expect(matchesPattern('b', 'abc')).toBe(true);
    expect(matchesPattern('^b', 'abc')).toBe(false);
    expect(matchesPattern('^[A-Z]{2}\\d{4}$', 'AB1234')).toBe(true);
    expect(matchesPattern('^\\p{L}+$', 'Café')).toBe(true);
    expect(matchesPattern('^.{2}$', '😀a')).toBe(true);
  });

  it('refuse what cannot run in linear time, saying so', () => {
    expect(patternProblem('(a)\\1')).toMatch(/linear time.*backreferences/);
    expect(patternProblem('^(?=.*\\d).+$')).toMatch(/linear time.*lookahead/);
    expect(patternProblem('(?<!x)y')).toMatch(/lookbehind/);
    expect(patternProblem('[')).toMatch(/^Not a valid pattern: missing closing ]/);
    expect(patternProblem('x'.repeat(501))).toMatch(/at most 500/);
    expect(patternProblem('^(a+)+$')).toBeNull();
  });

  it('are checked when a field is saved, and when a value is written', () => {
    const field = (pattern: string) =>
      ZField.safeParse({ code: 'sku', type: 'string', validation: { pattern } });
    const refused = field('^(?=x)x$');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/^Patterns run in linear time/);
    const sku = field('^[A-Z]{3}-\\d+$');
    expect(sku.success).toBe(true);
    expect(checkValue(sku.data!, 'ABC-12')).toEqual({ ok: true, value: 'ABC-12' });
    expect(checkValue(sku.data!, 'abc')).toEqual({
      ok: false,
      message: 'Does not match the required format',
    });
  });
});
