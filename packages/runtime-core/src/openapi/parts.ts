/**
 * The building blocks of the OpenAPI document: amis's envelope and the error answers, the
 * list parameters, and an entity's read and input schemas under the caller's field lists.
 */
import type { Entity, ModelDocument } from '@tessera/meta';

import { entityShape, type ShapeMember } from '../access/entity-shape';
import type { EntityAccess } from '../access/policy';
import { fieldSchema, type JsonSchema, SYSTEM_SCHEMAS } from './schemas';

export const pascal = (code: string) =>
  code.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

export const envelope = (data: JsonSchema): JsonSchema => ({
  type: 'object',
  required: ['status', 'msg', 'data'],
  properties: { status: { const: 0 }, msg: { type: 'string' }, data },
});
export const errorRef = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});
export const ok = (description: string, data: JsonSchema) => ({
  description,
  content: { 'application/json': { schema: envelope(data) } },
});
export const ERRORS = {
  '400': errorRef('Bad query: the message names the parameter'),
  '401': errorRef('Not authenticated'),
  '403': errorRef('Not allowed'),
  '404': errorRef('Unknown project, entity or id'),
  '429': errorRef('Rate limited'),
  '503': errorRef('A dependency is down'),
};
export const param = (name: string, description: string, schema: JsonSchema, where = 'query') => ({
  name,
  in: where,
  description,
  schema,
});
export const LIST_PARAMS = [
  param('page', 'Page number, from 1', { type: 'integer', minimum: 1, default: 1 }),
  param('perPage', 'Rows per page', { type: 'integer', minimum: 1, maximum: 200, default: 20 }),
  param('sort', 'Sort keys, `-` for descending: `-total,name`', { type: 'string' }),
  param('orderBy', 'amis: the field to sort by', { type: 'string' }),
  param('orderDir', 'amis: the direction', { type: 'string', enum: ['asc', 'desc'] }),
  param('keywords', "Search the entity's text fields", { type: 'string', maxLength: 200 }),
  param(
    'filter',
    'A filter (JSON): `{"total":{"_gt":100}}`, `_and`, `_or`, `_not`, relation paths',
    {
      type: 'string',
    },
  ),
  param('fields', 'Fields to return, with relation paths: `total,customer.name`', {
    type: 'string',
  }),
  param('expand', 'Relations to embed, up to three levels: `customer.orders`', { type: 'string' }),
  param('count', 'How to count the total', {
    type: 'string',
    enum: ['exact', 'estimated', 'none'],
    default: 'exact',
  }),
  param('after', 'Keyset pagination: the `nextCursor` of the previous page (empty for the first)', {
    type: 'string',
  }),
];

/**
 * An entity's schemas for one caller: the row as it reads it (`Customer`; its system fields
 * only for a caller that may write but not read), and an input per
 * write it may make, each with that write's fields: `CustomerInput` (create, with the required
 * fields) and `CustomerUpdate`. A caller that may only read gets no input schema at all, so no
 * field it may not write appears.
 */
export function entitySchemas(
  doc: ModelDocument,
  entity: Entity,
  read: EntityAccess | null,
  writes: { create: EntityAccess | null; update: EntityAccess | null },
) {
  const name = pascal(entity.code);
  const shape = entityShape(doc, entity, read, writes);
  const schemaOf = (m: ShapeMember): JsonSchema => {
    if (m.kind === 'system') return SYSTEM_SCHEMAS[m.name] ?? {};
    if (m.kind === 'key')
      return {
        type: ['string', 'null'],
        format: 'uuid',
        description: `The related ${m.link!.target.code}'s id`,
      };
    if (m.kind === 'list')
      return {
        type: 'array',
        items: { type: 'string', format: 'uuid' },
        description: `Ids of the related ${m.link!.target.code} rows`,
      };
    return fieldSchema(m.field);
  };
  const input = (members: ShapeMember[], creating: boolean): JsonSchema => {
    const required = creating ? members.filter((m) => m.required).map((m) => m.name) : [];
    return {
      type: 'object',
      properties: Object.fromEntries(members.map((m) => [m.name, schemaOf(m)])),
      ...(required.length ? { required } : {}),
    };
  };
  return {
    [name]: {
      type: 'object',
      properties: Object.fromEntries(shape.read.map((m) => [m.name, schemaOf(m)])),
    },
    ...(shape.create ? { [`${name}Input`]: input(shape.create, true) } : {}),
    ...(shape.update ? { [`${name}Update`]: input(shape.update, false) } : {}),
  };
}
