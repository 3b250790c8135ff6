/**
 * A field's value in TypeScript and as a zod 4 schema, as the data API reads it (JSON from
 * PostgreSQL: numbers for numeric types, text for dates and times) and as it accepts it on
 * writes (numeric text too, for values past a JavaScript number's precision).
 */
import type { Field } from '@tessera/meta';

/**
 * A TypeScript string literal of any text (quotes, backslashes, newlines escaped): JSON's,
 * which Prettier then writes in the project's single quotes.
 */
export const quote = (text: string) => JSON.stringify(text);

function enumOf(options: readonly string[]): { ts: string; zod: string } {
  return {
    ts: options.map(quote).join(' | '),
    zod: `z.enum([${options.map(quote).join(', ')}])`,
  };
}

interface ValueType {
  ts: string;
  zod: string;
}

/** The value read (not null). */
export function readValue(field: Field): ValueType {
  const v = field.validation;
  switch (field.type) {
    case 'string':
      return {
        ts: 'string',
        zod: `z.string()${v?.minLength !== undefined ? `.min(${v.minLength})` : ''}.max(${v?.maxLength ?? field.length})`,
      };
    case 'text':
      return { ts: 'string', zod: 'z.string()' };
    case 'email':
      return { ts: 'string', zod: 'z.email()' };
    case 'url':
      return { ts: 'string', zod: 'z.url()' };
    case 'uuid':
      return { ts: 'string', zod: 'z.uuid()' };
    case 'integer':
    case 'bigint':
    case 'float':
    case 'decimal': {
      const int = field.type === 'integer' || field.type === 'bigint' ? '.int()' : '';
      const min = v?.min !== undefined ? `.min(${v.min})` : '';
      const max = v?.max !== undefined ? `.max(${v.max})` : '';
      return { ts: 'number', zod: `z.number()${int}${min}${max}` };
    }
    case 'boolean':
      return { ts: 'boolean', zod: 'z.boolean()' };
    case 'date':
      return { ts: 'string', zod: 'z.iso.date()' };
    case 'datetime':
      return { ts: 'string', zod: 'z.iso.datetime({ offset: true })' };
    case 'time':
      return { ts: 'string', zod: 'z.iso.time()' };
    case 'json':
      return { ts: 'JsonValue', zod: 'z.json()' };
    case 'enum':
      return enumOf(field.options);
    case 'enum-multi': {
      const one = enumOf(field.options);
      return { ts: `(${one.ts})[]`, zod: `z.array(${one.zod})` };
    }
    case 'computed':
      return readValue({ code: field.code, type: field.resultType } as Field);
  }
}

/** The value a write may send (not null): numeric types also as text. */
export function writeValue(field: Field): ValueType {
  const read = readValue(field);
  if (field.type === 'bigint')
    return {
      ts: 'number | string',
      zod: `z.union([${read.zod}, z.string().regex(/^-?\\d{1,19}$/)])`,
    };
  if (field.type === 'decimal')
    return { ts: 'number | string', zod: `z.union([${read.zod}, z.string()])` };
  return read;
}
