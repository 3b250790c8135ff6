/**
 * The OpenAPI 3.1 document of one project, generated live from its published model and shaped
 * by the caller's permissions: only the entities, operations and fields it may use appear.
 */
import type { DataAction } from '../access/grants';
import { type Caller, entityAccess } from '../access/policy';
import type { SchemaOverview } from '../metadata/overview';
import { entitySchemas, ERRORS, errorRef, LIST_PARAMS, ok, param, pascal } from './parts';
import type { JsonSchema } from './schemas';

export function openApiDocument(options: {
  overview: SchemaOverview;
  caller: Caller;
  project: string;
  serverUrl: string;
}): JsonSchema | null {
  const model = options.overview.models.get(options.project);
  if (!model) return null;
  const doc = model.document;
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas: Record<string, JsonSchema> = {
    Error: {
      type: 'object',
      required: ['status', 'msg'],
      properties: {
        status: { type: 'integer' },
        msg: { type: 'string' },
        errors: {
          type: 'object',
          additionalProperties: { type: 'string' },
          description: 'Messages by field',
        },
      },
    },
  };
  for (const entity of doc.entities) {
    const can = (action: DataAction) =>
      entityAccess(options.overview, options.caller, options.project, entity.code, action);
    const read = can('read');
    const [create, update, remove] = [can('create'), can('update'), can('delete')];
    if (!read && !create && !update && !remove) continue;
    Object.assign(schemas, entitySchemas(doc, entity, read, { create, update }));
    const name = pascal(entity.code);
    const ref = { $ref: `#/components/schemas/${name}` };
    const inputRef = { $ref: `#/components/schemas/${name}Input` };
    const updateRef = { $ref: `#/components/schemas/${name}Update` };
    const tags = [entity.name ?? entity.code];
    const base = `/api/v1/${options.project}/${entity.code}`;
    const idParam = param('id', 'The row id', { type: 'string', format: 'uuid' }, 'path');
    const collection: Record<string, unknown> = {};
    const item: Record<string, unknown> = { parameters: [{ ...idParam, required: true }] };
    if (read) {
      collection.get = {
        tags,
        operationId: `list${name}`,
        summary: `List ${entity.code} rows`,
        parameters: LIST_PARAMS,
        responses: {
          '200': ok('A page of rows', {
            type: 'object',
            properties: {
              items: { type: 'array', items: ref },
              total: { type: 'integer' },
              hasNext: { type: 'boolean' },
              nextCursor: { type: ['string', 'null'] },
            },
          }),
          ...ERRORS,
        },
      };
      item.get = {
        tags,
        operationId: `get${name}`,
        summary: `One ${entity.code}`,
        parameters: LIST_PARAMS.filter((p) => p.name === 'fields' || p.name === 'expand'),
        responses: { '200': ok('The row', ref), ...ERRORS },
      };
      paths[`${base}/export`] = {
        get: {
          tags,
          operationId: `export${name}`,
          summary: `Export ${entity.code} rows as CSV`,
          parameters: [
            param('format', 'csv', { type: 'string', enum: ['csv'] }),
            ...LIST_PARAMS.filter((p) => !['page', 'perPage', 'count', 'after'].includes(p.name)),
          ],
          responses: {
            '200': {
              description: 'CSV, streamed',
              content: { 'text/csv': { schema: { type: 'string' } } },
            },
            ...ERRORS,
          },
        },
      };
      paths[`${base}/aggregate`] = {
        get: {
          tags,
          operationId: `aggregate${name}`,
          summary: `Aggregate ${entity.code} rows`,
          parameters: [
            param('groupBy', 'Up to three fields', { type: 'string' }),
            param('count', '`*` or fields', { type: 'string' }),
            param('sum', 'Numeric fields', { type: 'string' }),
            param('avg', 'Numeric fields', { type: 'string' }),
            param('min', 'Fields', { type: 'string' }),
            param('max', 'Fields', { type: 'string' }),
            LIST_PARAMS.find((p) => p.name === 'filter')!,
          ],
          responses: {
            '200': ok('One item per group', {
              type: 'object',
              properties: { items: { type: 'array', items: { type: 'object' } } },
            }),
            ...ERRORS,
          },
        },
      };
    }
    if (create) {
      collection.post = {
        tags,
        operationId: `create${name}`,
        summary: `Create a ${entity.code}`,
        parameters: [
          param(
            'Idempotency-Key',
            'A retry with the same key gets the first answer',
            { type: 'string', maxLength: 255 },
            'header',
          ),
        ],
        requestBody: { required: true, content: { 'application/json': { schema: inputRef } } },
        responses: {
          '200': ok('The created row', ref),
          '409': errorRef('Unique violation'),
          '422': errorRef('Validation, with errors by field'),
          ...ERRORS,
        },
      };
      paths[`${base}/import`] = {
        post: {
          tags,
          operationId: `import${name}`,
          summary: `Import ${entity.code} rows from CSV, all or nothing`,
          requestBody: {
            required: true,
            content: {
              'text/csv': { schema: { type: 'string' } },
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  properties: { file: { type: 'string', format: 'binary' } },
                },
              },
            },
          },
          responses: {
            '200': ok('How many rows were created', {
              type: 'object',
              properties: { created: { type: 'integer' } },
            }),
            '422': errorRef('Errors by line; nothing imported'),
            ...ERRORS,
          },
        },
      };
    }
    if (update) {
      item.put = {
        tags,
        operationId: `update${name}`,
        summary: `Update a ${entity.code}`,
        parameters: [param('If-Match', 'The version you saw', { type: 'string' }, 'header')],
        requestBody: { required: true, content: { 'application/json': { schema: updateRef } } },
        responses: {
          '200': ok('The updated row', ref),
          '409': errorRef('Changed by someone else'),
          '422': errorRef('Validation'),
          ...ERRORS,
        },
      };
      paths[`${base}/bulk`] = {
        post: {
          tags,
          operationId: `bulk${name}`,
          summary: `amis quickSave (rows, rowsDiff) or one set of values for the selected ids`,
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          responses: {
            '200': ok('The updated rows', {
              type: 'object',
              properties: { items: { type: 'array', items: ref }, count: { type: 'integer' } },
            }),
            ...ERRORS,
          },
        },
      };
    }
    if (remove) {
      item.delete = {
        tags,
        operationId: `delete${name}`,
        summary: entity.softDelete ? `Delete a ${entity.code} (softly)` : `Delete a ${entity.code}`,
        responses: {
          '200': ok('The deleted id', { type: 'object', properties: { id: { type: 'string' } } }),
          '409': errorRef('Still referenced'),
          ...ERRORS,
        },
      };
      collection.delete = {
        tags,
        operationId: `deleteMany${name}`,
        summary: `Delete the selected ${entity.code} rows`,
        parameters: [
          { ...param('ids', 'Comma-separated ids', { type: 'string' }), required: true },
        ],
        responses: {
          '200': ok('The deleted ids', {
            type: 'object',
            properties: {
              ids: { type: 'array', items: { type: 'string' } },
              count: { type: 'integer' },
            },
          }),
          ...ERRORS,
        },
      };
    }
    if (Object.keys(collection).length) paths[base] = collection;
    if (Object.keys(item).length > 1) paths[`${base}/{id}`] = item;
  }
  // The stream is refused to a caller who may read nothing here.
  const streams = doc.entities.some(
    (e) => entityAccess(options.overview, options.caller, options.project, e.code, 'read') !== null,
  );
  if (streams)
    paths[`/api/v1/${options.project}/changes`] = {
      get: {
        tags: ['Changes'],
        operationId: 'changes',
        summary: 'Server-sent events of created, updated and deleted rows you may read',
        parameters: [
          param('entities', 'Only these entities (comma-separated)', { type: 'string' }),
        ],
        responses: {
          '200': {
            description: 'An event stream',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
          ...ERRORS,
        },
      },
    };
  return {
    openapi: '3.1.0',
    info: {
      title: doc.name ?? doc.project,
      version: String(model.version),
      description:
        doc.description ?? `The live API of project ${doc.project}, version ${model.version}.`,
    },
    servers: [{ url: options.serverUrl }],
    security: [{ bearer: [] }, { session: [] }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token (tk_…) or a session token',
        },
        session: { type: 'apiKey', in: 'cookie', name: 'tessera_session' },
      },
    },
  };
}
