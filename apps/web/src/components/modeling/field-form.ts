/** Field form helpers: the types offered, and turning stored parameters into form text and back. */
export const FIELD_TYPES = [
  'string',
  'text',
  'integer',
  'bigint',
  'decimal',
  'float',
  'boolean',
  'date',
  'datetime',
  'time',
  'uuid',
  'json',
  'enum',
  'enum-multi',
  'email',
  'url',
  'computed',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const NUMERIC = new Set<FieldType>(['integer', 'bigint', 'decimal', 'float']);
export const TEXTUAL = new Set<FieldType>(['string', 'text', 'email', 'url']);

export type FieldDef = Record<string, unknown> & { code: string; type: FieldType };

export function parseDefault(type: FieldType, text: string): unknown {
  if (text === '') return undefined;
  if (text === 'now()') return { fn: 'now' };
  if (text === 'uuid()') return { fn: 'uuid' };
  if (NUMERIC.has(type)) return Number(text);
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

export function showDefault(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object' && value && 'fn' in value)
    return `${String((value as { fn: string }).fn)}()`;
  if (Array.isArray(value)) return value.join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export const num = (text: string) => (text.trim() === '' ? undefined : Number(text));

/** A stored parameter as form text. */
export const asText = (value: unknown, fallback = ''): string =>
  typeof value === 'number' || typeof value === 'string' ? String(value) : fallback;
