import { describe, expect, it } from 'vitest';

import { codeProblem, commentText, quoteIdent } from './names';

describe('codes', () => {
  it.each(['customer', 'order', 'user', 'order_line', 'a1', 'total_2024'])('accepts %s', (code) => {
    expect(codeProblem('entity', code)).toBeNull();
  });

  it.each([
    ['__proto__', /must be 2–40 characters/],
    ['constructor', /reserved in generated code/],
    ['prototype', /reserved in generated code/],
    ['select', /reserved SQL word/],
    ['table', /reserved SQL word/],
    ['drop', /reserved SQL word/],
    ['na"me', /must be 2–40 characters/],
    ['Name', /must be 2–40 characters/],
    ['x', /must be 2–40 characters/],
    ['a'.repeat(41), /must be 2–40 characters/],
    ['1abc', /must be 2–40 characters/],
    ['a b', /must be 2–40 characters/],
    ['a;drop', /must be 2–40 characters/],
    ['pg_catalog', /pg_/],
    ['a__b', /double underscore/],
    ['orders_trash', /deleted data/],
    ['ﬁeld', /must be 2–40 characters/],
  ])('refuses %s with a clear message', (code, message) => {
    expect(codeProblem('entity', code)).toMatch(message);
  });

  it('refuses system field codes for fields only, and reserved schemas for projects', () => {
    expect(codeProblem('field', 'created_at')).toMatch(/system field/);
    expect(codeProblem('entity', 'created_at')).toBeNull();
    expect(codeProblem('project', 'public')).toMatch(/reserved/);
    expect(codeProblem('project', 'shop')).toBeNull();
  });

  it('names the code in the message, shortened when long', () => {
    expect(codeProblem('field', 'select')).toBe(
      'field code "select" is a reserved SQL word; choose another',
    );
    expect(codeProblem('field', 'x'.repeat(100))).toContain('…');
  });
});

describe('quoteIdent', () => {
  it('doubles quotes and refuses NUL', () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(() => quoteIdent('a\0b')).toThrow();
  });
});

describe('commentText', () => {
  it('keeps model text inside a generated comment', () => {
    expect(commentText('Client */ export const x = 1; /*\nmodel Evil {}')).toBe(
      'Client * / export const x = 1; /* model Evil {}',
    );
    expect(commentText('Plain name')).toBe('Plain name');
  });
});
