import { describe, expect, it } from 'vitest';

import { newField, parseDefaultText, showDefaultText, typeParameters } from './field-text';
import { FIELD_TYPES, ZField } from './fields';

describe('fields as editors show them', () => {
  it('starts every type from a valid field carrying its parameters', () => {
    for (const type of FIELD_TYPES) {
      const field = newField('sample', type);
      expect(ZField.safeParse(field).success, type).toBe(true);
      for (const parameter of typeParameters(type)) expect(field, type).toHaveProperty(parameter);
    }
  });

  it('reads a default typed as text and shows it back the same', () => {
    const cases = [
      ['integer', '42', 42],
      ['boolean', 'true', true],
      ['datetime', 'now()', { fn: 'now' }],
      ['enum-multi', 'a, b', ['a', 'b']],
      ['json', '{"a":1}', { a: 1 }],
      ['string', 'hello', 'hello'],
    ] as const;
    for (const [type, text, value] of cases) {
      expect(parseDefaultText(type, text)).toEqual(value);
      expect(parseDefaultText(type, showDefaultText(value))).toEqual(value);
    }
    expect(parseDefaultText('string', '')).toBeUndefined();
  });
});
