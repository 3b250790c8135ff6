import { describe, expect, it } from 'vitest';

import { matchesPattern, patternProblem } from './patterns';
import { validateDocument } from './serialize';
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

  it('are checked when a document is written, and when a value is written', () => {
    const doc = (pattern: string) => ({
      project: 'shop',
      entities: [
        { code: 'item', fields: [{ code: 'sku', type: 'string', validation: { pattern } }] },
      ],
      relations: [],
    });
    const refused = validateDocument(doc('^(?=x)x$'));
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.issues).toEqual([
      {
        path: 'entities.0.fields.0.validation.pattern',
        message: expect.stringMatching(/^item\.sku: Patterns run in linear time/),
      },
    ]);
    const sku = validateDocument(doc('^[A-Z]{3}-\\d+$'));
    expect(sku.ok).toBe(true);
    const field = sku.ok ? sku.document.entities[0]!.fields[0]! : null;
    expect(checkValue(field!, 'ABC-12')).toEqual({ ok: true, value: 'ABC-12' });
    expect(checkValue(field!, 'abc')).toEqual({
      ok: false,
      message: 'Does not match the required format',
    });
  });

  it('leave a stored document with an older pattern loadable, its field accepting nothing', () => {
    const stored = validateDocument(
      {
        project: 'shop',
        entities: [
          {
            code: 'item',
            fields: [{ code: 'pin', type: 'string', validation: { pattern: '^(?=.*\\d).+$' } }],
          },
        ],
        relations: [],
      },
      { stored: true },
    );
    expect(stored.ok).toBe(true);
    const field = stored.ok ? stored.document.entities[0]!.fields[0]! : null;
    expect(checkValue(field!, 'a1').ok).toBe(false);
  });
});
