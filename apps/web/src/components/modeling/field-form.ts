/** Field form helpers: the types offered, and turning stored parameters into form text and back. */
import { FIELD_TYPES, type FieldType, isNumericType, isTextualType } from '@tessera/meta';

export {
  FIELD_TYPES,
  parseDefaultText as parseDefault,
  showDefaultText as showDefault,
  type FieldType,
} from '@tessera/meta';
export const NUMERIC = new Set<FieldType>(FIELD_TYPES.filter(isNumericType));
export const TEXTUAL = new Set<FieldType>(FIELD_TYPES.filter(isTextualType));

export type FieldDef = Record<string, unknown> & { code: string; type: FieldType };

export const num = (text: string) => (text.trim() === '' ? undefined : Number(text));

/** A stored parameter as form text. */
export const asText = (value: unknown, fallback = ''): string =>
  typeof value === 'number' || typeof value === 'string' ? String(value) : fallback;
