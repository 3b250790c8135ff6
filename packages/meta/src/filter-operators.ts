/**
 * The filter language's operators (`{ field: { _op: value } }`) and which field types take which:
 * the one list the runtime's filter compiler, the ejected service's, the generated TypeScript
 * types and the console share. Every type takes equality, lists and null checks; ordered types
 * also compare and take ranges; text types also match parts of their text.
 */
import type { Field, FieldType } from './fields';

export const EQUALITY_OPERATORS = ['_eq', '_neq'] as const;
export const LIST_OPERATORS = ['_in', '_nin'] as const;
export const NULL_OPERATORS = ['_null', '_nnull'] as const;
export const ORDER_OPERATORS = ['_lt', '_lte', '_gt', '_gte', '_between'] as const;
export const TEXT_OPERATORS = ['_contains', '_icontains', '_starts_with', '_ends_with'] as const;

export type FilterOperator =
  | (typeof EQUALITY_OPERATORS)[number]
  | (typeof LIST_OPERATORS)[number]
  | (typeof NULL_OPERATORS)[number]
  | (typeof ORDER_OPERATORS)[number]
  | (typeof TEXT_OPERATORS)[number];

/** Types whose values have an order: compared with `_lt`…`_gte`, ranged with `_between`. */
export const ORDERED_TYPES: readonly FieldType[] = [
  'integer',
  'bigint',
  'decimal',
  'float',
  'date',
  'datetime',
  'time',
  'string',
  'text',
  'email',
  'url',
  'uuid',
  'enum',
];

/** Types whose text can be searched: `_contains`, `_icontains`, `_starts_with`, `_ends_with`. */
export const TEXT_SEARCH_TYPES: readonly FieldType[] = ['string', 'text', 'email', 'url', 'enum'];

/** The type a field is filtered as: a computed field's result type, else its own. */
export function filterType(field: Pick<Field, 'type'> & { resultType?: FieldType }): FieldType {
  return field.type === 'computed' && field.resultType ? field.resultType : field.type;
}

export const isOrderedType = (type: FieldType) => ORDERED_TYPES.includes(type);
export const isTextSearchType = (type: FieldType) => TEXT_SEARCH_TYPES.includes(type);

/** The operators a field of `type` takes, in the order the documentation lists them. */
export function filterOperators(type: FieldType): FilterOperator[] {
  return [
    ...EQUALITY_OPERATORS,
    ...LIST_OPERATORS,
    ...NULL_OPERATORS,
    ...(isOrderedType(type) ? ORDER_OPERATORS : []),
    ...(isTextSearchType(type) ? TEXT_OPERATORS : []),
  ];
}
