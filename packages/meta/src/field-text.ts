/**
 * Fields as editors show them: a default typed as text and back, and a new field of a type with
 * the parameters it needs (an enum its first option, a computed field an expression), so the
 * console's forms and the designer's inline editing start from the same valid field.
 */
import { type Field, type FieldType, isNumericType } from './fields';

/** A default typed in a form: `now()`/`uuid()` are functions, numbers and lists per type. */
export function parseDefaultText(type: FieldType, text: string): unknown {
  if (text === '') return undefined;
  if (text === 'now()') return { fn: 'now' };
  if (text === 'uuid()') return { fn: 'uuid' };
  if (isNumericType(type)) return Number(text);
  if (type === 'boolean') return text === 'true';
  if (type === 'enum-multi')
    return text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (type === 'json') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** A stored default as form text (the inverse of `parseDefaultText`). */
export function showDefaultText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object' && 'fn' in value)
    return `${String((value as { fn: string }).fn)}()`;
  if (Array.isArray(value)) return value.join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A new field of `type` with the parameters its type needs, ready to edit further. */
export function newField(code: string, type: FieldType): Field {
  switch (type) {
    case 'string':
      return { code, type, length: 255 };
    case 'decimal':
      return { code, type, precision: 18, scale: 2 };
    case 'enum':
    case 'enum-multi':
      return { code, type, options: ['first'] };
    case 'computed':
      return { code, type, expression: '1', resultType: 'integer' };
    default:
      return { code, type };
  }
}

/** The properties a field of `type` carries besides the common ones. */
export function typeParameters(type: FieldType): readonly string[] {
  switch (type) {
    case 'string':
      return ['length'];
    case 'decimal':
      return ['precision', 'scale'];
    case 'enum':
    case 'enum-multi':
      return ['options'];
    case 'computed':
      return ['expression', 'resultType'];
    default:
      return [];
  }
}
