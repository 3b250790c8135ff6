import { describe, expect, it } from 'vitest';

import { compileComputed } from './computed';

const fields = new Set(['price', 'quantity', 'first_name', 'last_name']);

describe('compileComputed', () => {
  it('quotes field references and keeps whitelisted functions', () => {
    expect(compileComputed('price * quantity', fields)).toEqual({
      ok: true,
      sql: '"price" * "quantity"',
      references: ['price', 'quantity'],
    });
    const name = compileComputed("upper(first_name) || ' ' || coalesce(last_name, '')", fields);
    expect(name).toMatchObject({
      ok: true,
      sql: `upper("first_name") || ' ' || coalesce("last_name", '')`,
    });
    expect(compileComputed('round((price * quantity), 2)', fields)).toMatchObject({
      ok: true,
      sql: 'round(("price" * "quantity"), 2)',
    });
  });

  it.each([
    ['price; DROP TABLE x', /Unexpected ';'/],
    ['price -- comment', /Unexpected '-'|Unexpected/],
    ['(SELECT 1)', /Unknown field 'SELECT'/],
    ['pg_sleep(1)', /Function 'pg_sleep' is not allowed/],
    ['secret_column + 1', /Unknown field 'secret_column'/],
    ['"price"', /Unexpected '"'/],
    ["'a\\' || price", /Unterminated|Unexpected/],
    ['price::text', /Unexpected ':'/],
    ['(price', /Unbalanced/],
    ['price)', /Unbalanced/],
    ['$1', /Unexpected '\$'/],
    ['', /empty/],
  ])('refuses %s', (expression, message) => {
    const result = compileComputed(expression, fields);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
