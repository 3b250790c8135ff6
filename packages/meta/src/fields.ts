/**
 * Field definitions: one zod schema per field type, with the type's own parameters, plus the
 * validation rules every field may carry. Rules are data, so the runtime and ejected code
 * enforce exactly the same ones (`values.ts` interprets them).
 */
import { z } from 'zod';

import { codeProblem } from './names';
import { MAX_PATTERN_LENGTH } from './patterns';

export const ZFieldCode = z.string().superRefine((code, ctx) => {
  const problem = codeProblem('field', code);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/**
 * An RE2 pattern (see patterns.ts). Whether it runs in linear time is checked with the
 * document (`validateDocument`): strictly for what is written, leniently for stored documents.
 */
const ZPattern = z.string().max(MAX_PATTERN_LENGTH);

export const ZValidation = z
  .object({
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().min(0).optional(),
    pattern: ZPattern.optional(),
  })
  .strict()
  .refine(
    (v) => v.min === undefined || v.max === undefined || v.min <= v.max,
    'min must not exceed max',
  )
  .refine(
    (v) => v.minLength === undefined || v.maxLength === undefined || v.minLength <= v.maxLength,
    'minLength must not exceed maxLength',
  );
export type Validation = z.infer<typeof ZValidation>;

/** A default computed by the database rather than a literal. */
export const ZDefaultFunction = z.object({ fn: z.enum(['now', 'uuid']) }).strict();

const common = {
  id: z.uuid().optional(),
  code: ZFieldCode,
  name: z.string().max(100).optional(),
  description: z.string().max(2000).optional(),
  required: z.boolean().optional(),
  unique: z.boolean().optional(),
  indexed: z.boolean().optional(),
  default: z
    .union([
      z.string(),
      z.number(),
      z.boolean(),
      z.array(z.string()),
      z.record(z.string(), z.json()),
      ZDefaultFunction,
    ])
    .optional(),
  order: z.number().int().optional(),
  renamedFrom: z.string().optional(),
  validation: ZValidation.optional(),
};

const ZOptions = z
  .array(z.string().min(1).max(100))
  .min(1, 'an enum needs at least one option')
  .max(500)
  .refine((o) => new Set(o).size === o.length, 'enum options must be unique');

export const COMPUTED_RESULT_TYPES = [
  'text',
  'integer',
  'bigint',
  'decimal',
  'float',
  'boolean',
  'date',
  'datetime',
] as const;

const plain = <T extends string>(type: T) =>
  z.object({ ...common, type: z.literal(type) }).strict();

export const ZField = z.discriminatedUnion('type', [
  z
    .object({
      ...common,
      type: z.literal('string'),
      length: z.number().int().min(1).max(10_485_760).default(255),
    })
    .strict(),
  plain('text'),
  plain('integer'),
  plain('bigint'),
  z
    .object({
      ...common,
      type: z.literal('decimal'),
      precision: z.number().int().min(1).max(1000).default(18),
      scale: z.number().int().min(0).max(1000).default(2),
    })
    .strict()
    .refine((f) => f.scale <= f.precision, 'scale must not exceed precision'),
  plain('float'),
  plain('boolean'),
  plain('date'),
  plain('datetime'),
  plain('time'),
  plain('uuid'),
  plain('json'),
  z.object({ ...common, type: z.literal('enum'), options: ZOptions }).strict(),
  z.object({ ...common, type: z.literal('enum-multi'), options: ZOptions }).strict(),
  plain('email'),
  plain('url'),
  z
    .object({
      ...common,
      type: z.literal('computed'),
      expression: z.string().min(1).max(2000),
      resultType: z.enum(COMPUTED_RESULT_TYPES),
      precision: z.number().int().min(1).max(1000).optional(),
      scale: z.number().int().min(0).max(1000).optional(),
    })
    .strict(),
]);

export type Field = z.infer<typeof ZField>;
export type FieldInput = z.input<typeof ZField>;
export type FieldType = Field['type'];

export const FIELD_TYPES: FieldType[] = ZField.options.map((o) => o.shape.type.value);

const NUMERIC: ReadonlySet<FieldType> = new Set(['integer', 'bigint', 'decimal', 'float']);
const TEXTUAL: ReadonlySet<FieldType> = new Set(['string', 'text', 'email', 'url']);

export function isNumericType(type: FieldType): boolean {
  return NUMERIC.has(type);
}

export function isTextualType(type: FieldType): boolean {
  return TEXTUAL.has(type);
}

/** Which validation rules make sense for a type; others are refused with a message. */
export function validationProblems(field: Field): string[] {
  const v = field.validation;
  if (!v) return [];
  const problems: string[] = [];
  const numeric =
    isNumericType(field.type) || (field.type === 'computed' && isNumericType(field.resultType));
  if ((v.min !== undefined || v.max !== undefined) && !numeric)
    problems.push(`min/max apply to numeric fields, not ${field.type}`);
  if (
    (v.minLength !== undefined || v.maxLength !== undefined || v.pattern !== undefined) &&
    !isTextualType(field.type)
  ) {
    problems.push(`minLength/maxLength/pattern apply to text fields, not ${field.type}`);
  }
  if (field.type === 'string' && v.maxLength !== undefined && v.maxLength > field.length) {
    problems.push(`maxLength ${v.maxLength} exceeds the column length ${field.length}`);
  }
  return problems;
}
