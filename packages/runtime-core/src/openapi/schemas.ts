/** JSON Schema (OpenAPI 3.1) for fields as the runtime reads and writes them. */
import type { Field } from '@tessera/meta';

export type JsonSchema = Record<string, unknown>;

export function fieldSchema(field: Field): JsonSchema {
  const base: JsonSchema = {};
  if (field.description) base.description = field.description;
  const v = field.validation;
  switch (field.type) {
    case 'string':
    case 'text':
      return {
        ...base,
        type: 'string',
        ...(field.type === 'string' ? { maxLength: v?.maxLength ?? field.length } : {}),
        ...(v?.minLength !== undefined ? { minLength: v.minLength } : {}),
        ...(v?.pattern ? { pattern: v.pattern } : {}),
      };
    case 'email':
      return { ...base, type: 'string', format: 'email' };
    case 'url':
      return { ...base, type: 'string', format: 'uri' };
    case 'integer':
    case 'float':
    case 'decimal':
      return {
        ...base,
        type: field.type === 'integer' ? 'integer' : 'number',
        ...(field.type === 'integer' ? { format: 'int32' } : {}),
        ...(v?.min !== undefined ? { minimum: v.min } : {}),
        ...(v?.max !== undefined ? { maximum: v.max } : {}),
      };
    case 'bigint':
      return {
        ...base,
        type: 'string',
        pattern: '^-?\\d{1,19}$',
        description: 'A 64-bit integer, as text',
      };
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'date':
      return { ...base, type: 'string', format: 'date' };
    case 'datetime':
      return { ...base, type: 'string', format: 'date-time' };
    case 'time':
      return { ...base, type: 'string', format: 'time' };
    case 'uuid':
      return { ...base, type: 'string', format: 'uuid' };
    case 'json':
      return base;
    case 'enum':
      return { ...base, type: 'string', enum: field.options };
    case 'enum-multi':
      return {
        ...base,
        type: 'array',
        items: { type: 'string', enum: field.options },
        uniqueItems: true,
      };
    case 'computed':
      return {
        ...base,
        readOnly: true,
        ...fieldSchema({ code: field.code, type: field.resultType } as Field),
      };
  }
}

export const SYSTEM_SCHEMAS: Record<string, JsonSchema> = {
  id: { type: 'string', format: 'uuid', readOnly: true },
  created_at: { type: 'string', format: 'date-time', readOnly: true },
  updated_at: { type: 'string', format: 'date-time', readOnly: true },
  created_by: { type: ['string', 'null'], format: 'uuid', readOnly: true },
  updated_by: { type: ['string', 'null'], format: 'uuid', readOnly: true },
  version: {
    type: 'integer',
    readOnly: true,
    description: 'Send it back on update: a stale one gets 409',
  },
};
