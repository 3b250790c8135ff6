/**
 * Checks one value against a field: its type, then its validation rules. The runtime and the
 * ejected code call this same function, so a value is accepted in one exactly when it is in
 * the other. Returns the value in its canonical JSON form (big numbers as strings).
 */
import type { Field } from './fields';
import { matchesPattern } from './patterns';

export type ValueCheck = { ok: true; value: unknown } | { ok: false; message: string };

const INT32 = { min: -2_147_483_648, max: 2_147_483_647 };
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$/;
// Practical address check (the HTML spec's), not RFC 5322's full grammar.
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

const fail = (message: string): ValueCheck => ({ ok: false, message });

/** PostgreSQL text cannot hold a NUL character, nor can jsonb. */
const NUL_MESSAGE = 'Must not contain NUL characters';
const hasNul = (text: string) => text.includes('\0');

/** Whether a JSON value holds a NUL in any string or key; objects nested too deeply count. */
function jsonHasNul(value: unknown, depth = 0): boolean {
  if (depth > 64) return true;
  if (typeof value === 'string') return hasNul(value);
  if (Array.isArray(value)) return value.some((v) => jsonHasNul(v, depth + 1));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).some(([k, v]) => hasNul(k) || jsonHasNul(v, depth + 1));
  return false;
}

function checkDecimal(value: unknown, precision: number, scale: number): ValueCheck {
  const text =
    typeof value === 'number' && Number.isFinite(value)
      ? String(value)
      : typeof value === 'string'
        ? value.trim()
        : null;
  if (text === null || !DECIMAL.test(text)) return fail('Must be a number');
  const [whole = '', fraction = ''] = text.replace('-', '').split('.');
  if (fraction.length > scale) return fail(`At most ${scale} decimal places`);
  if (whole.replace(/^0+/, '').length > precision - scale)
    return fail(`At most ${precision - scale} digits before the decimal point`);
  return { ok: true, value: text };
}

function checkType(field: Field, value: unknown): ValueCheck {
  if (typeof value === 'string' && hasNul(value)) return fail(NUL_MESSAGE);
  switch (field.type) {
    case 'string':
    case 'text':
      if (typeof value !== 'string') return fail('Must be text');
      if (field.type === 'string' && [...value].length > field.length)
        return fail(`At most ${field.length} characters`);
      return { ok: true, value };
    case 'email':
      if (typeof value !== 'string' || value.length > 254 || !EMAIL.test(value))
        return fail('Must be an email address');
      return { ok: true, value };
    case 'url': {
      if (typeof value !== 'string' || value.length > 2048) return fail('Must be a URL');
      try {
        const url = new URL(value);
        return url.protocol === 'http:' || url.protocol === 'https:'
          ? { ok: true, value }
          : fail('Must be an http(s) URL');
      } catch {
        return fail('Must be a URL');
      }
    }
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value))
        return fail('Must be a whole number');
      if (value < INT32.min || value > INT32.max) return fail('Out of range for an integer');
      return { ok: true, value };
    case 'bigint': {
      const text =
        typeof value === 'number' && Number.isSafeInteger(value)
          ? String(value)
          : typeof value === 'string' && /^-?\d{1,19}$/.test(value)
            ? value
            : null;
      if (text === null) return fail('Must be a whole number');
      const n = BigInt(text);
      if (n < INT64.min || n > INT64.max) return fail('Out of range for a big integer');
      return { ok: true, value: text };
    }
    case 'decimal':
      return checkDecimal(value, field.precision, field.scale);
    case 'float':
      return typeof value === 'number' && Number.isFinite(value)
        ? { ok: true, value }
        : fail('Must be a number');
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : fail('Must be true or false');
    case 'date': {
      const m = typeof value === 'string' ? DATE.exec(value) : null;
      if (!m) return fail('Must be a date (YYYY-MM-DD)');
      const d = new Date(`${value as string}T00:00:00Z`);
      return d.getUTCDate() === Number(m[3]) ? { ok: true, value } : fail('Not a real date');
    }
    case 'datetime':
      if (typeof value !== 'string' || !DATETIME.test(value) || Number.isNaN(Date.parse(value)))
        return fail('Must be a date and time with a time zone (ISO 8601)');
      return { ok: true, value };
    case 'time':
      return typeof value === 'string' && TIME.test(value)
        ? { ok: true, value }
        : fail('Must be a time (HH:MM or HH:MM:SS)');
    case 'uuid':
      return typeof value === 'string' && UUID.test(value)
        ? { ok: true, value: value.toLowerCase() }
        : fail('Must be a UUID');
    case 'json':
      return jsonHasNul(value)
        ? fail(`${NUL_MESSAGE}, nor nest deeper than 64 levels`)
        : { ok: true, value };
    case 'enum':
      return typeof value === 'string' && field.options.includes(value)
        ? { ok: true, value }
        : fail(`Must be one of: ${field.options.join(', ')}`);
    case 'enum-multi': {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
        return fail('Must be a list of options');
      if (value.some(hasNul)) return fail(NUL_MESSAGE);
      const bad = value.find((v) => !field.options.includes(v));
      if (bad !== undefined)
        return fail(`'${String(bad)}' is not one of: ${field.options.join(', ')}`);
      if (new Set(value).size !== value.length) return fail('Options must not repeat');
      return { ok: true, value };
    }
    case 'computed':
      return fail('Computed fields cannot be written');
  }
}

function checkRules(field: Field, value: unknown): string | null {
  const v = field.validation;
  if (!v) return null;
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && (field.type === 'decimal' || field.type === 'bigint')
        ? Number(value)
        : null;
  if (n !== null) {
    if (v.min !== undefined && n < v.min) return `Must be at least ${v.min}`;
    if (v.max !== undefined && n > v.max) return `Must be at most ${v.max}`;
  }
  if (
    typeof value === 'string' &&
    (field.type === 'string' ||
      field.type === 'text' ||
      field.type === 'email' ||
      field.type === 'url')
  ) {
    const length = [...value].length;
    if (v.minLength !== undefined && length < v.minLength)
      return `At least ${v.minLength} characters`;
    if (v.maxLength !== undefined && length > v.maxLength)
      return `At most ${v.maxLength} characters`;
    if (v.pattern !== undefined && !matchesPattern(v.pattern, value))
      return 'Does not match the required format';
  }
  return null;
}

/** Validates a value written to `field`. `null`/`undefined` pass unless the field is required. */
export function checkValue(field: Field, value: unknown): ValueCheck {
  if (value === null || value === undefined)
    return field.required ? fail('Required') : { ok: true, value: null };
  const typed = checkType(field, value);
  if (!typed.ok) return typed;
  const rule = checkRules(field, typed.value);
  return rule ? fail(rule) : typed;
}
