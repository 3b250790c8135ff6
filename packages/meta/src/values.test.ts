import { describe, expect, it } from 'vitest';

import type { Field } from './fields';
import { checkValue } from './values';

const f = (field: Partial<Field> & { type: Field['type'] }) => ({ code: 'x', ...field }) as Field;

describe('checkValue', () => {
  it('enforces required, and lets null through otherwise', () => {
    expect(checkValue(f({ type: 'text', required: true }), null)).toEqual({
      ok: false,
      message: 'Required',
    });
    expect(checkValue(f({ type: 'text' }), null)).toEqual({ ok: true, value: null });
  });

  it.each([
    [{ type: 'integer' }, 3, true],
    [{ type: 'integer' }, 3.5, false],
    [{ type: 'integer' }, 2 ** 31, false],
    [{ type: 'bigint' }, '9223372036854775807', true],
    [{ type: 'bigint' }, '9223372036854775808', false],
    [{ type: 'decimal', precision: 12, scale: 2 }, '1234567890.12', true],
    [{ type: 'decimal', precision: 12, scale: 2 }, '1.123', false],
    [{ type: 'decimal', precision: 4, scale: 2 }, 123.4, false],
    [{ type: 'float' }, Number.NaN, false],
    [{ type: 'boolean' }, 'true', false],
    [{ type: 'date' }, '2024-02-29', true],
    [{ type: 'date' }, '2023-02-29', false],
    [{ type: 'datetime' }, '2024-01-01T10:00:00Z', true],
    [{ type: 'datetime' }, '2024-01-01T10:00:00', false],
    [{ type: 'time' }, '23:59:59', true],
    [{ type: 'time' }, '24:00', false],
    [{ type: 'uuid' }, '6F9619FF-8B86-D011-B42D-00C04FC964FF', true],
    [{ type: 'email' }, 'ada@example.com', true],
    [{ type: 'email' }, 'ada@', false],
    [{ type: 'url' }, 'https://example.com/x', true],
    [{ type: 'url' }, 'javascript:alert(1)', false],
    [{ type: 'enum', options: ['new', 'paid'] }, 'paid', true],
    [{ type: 'enum', options: ['new', 'paid'] }, 'lost', false],
    [{ type: 'enum-multi', options: ['a', 'b'] }, ['a', 'b'], true],
    [{ type: 'enum-multi', options: ['a', 'b'] }, ['a', 'a'], false],
    [{ type: 'string', length: 3 }, 'ünï', true],
    [{ type: 'string', length: 3 }, 'four', false],
    [{ type: 'computed', expression: '1', resultType: 'integer' }, 1, false],
  ])('%o with %o → %s', (field, value, ok) => {
    expect(checkValue(f(field as never), value).ok).toBe(ok);
  });

  it('applies validation rules after the type', () => {
    const total = f({ type: 'decimal', precision: 12, scale: 2, validation: { min: 0 } } as never);
    expect(checkValue(total, '-1.00')).toEqual({ ok: false, message: 'Must be at least 0' });
    expect(checkValue(total, 0)).toEqual({ ok: true, value: '0' });
    const code = f({
      type: 'string',
      length: 20,
      validation: { pattern: '^[A-Z]{3}$', minLength: 3 },
    } as never);
    expect(checkValue(code, 'ABC').ok).toBe(true);
    expect(checkValue(code, 'abc')).toEqual({
      ok: false,
      message: 'Does not match the required format',
    });
  });

  it('refuses NUL characters, which PostgreSQL text and jsonb cannot hold', () => {
    for (const type of ['string', 'text', 'email', 'url', 'uuid'] as const)
      expect(checkValue(f({ type, length: 10 }), 'a\0b').ok).toBe(false);
    expect(checkValue(f({ type: 'json' }), { note: 'a\0b' }).ok).toBe(false);
    expect(checkValue(f({ type: 'json' }), { ['k\0']: 1 }).ok).toBe(false);
    expect(checkValue(f({ type: 'json' }), { ok: ['fine'] }).ok).toBe(true);
    expect(checkValue(f({ type: 'enum-multi', options: ['a\0'] } as never), ['a\0']).ok).toBe(
      false,
    );
  });
});
