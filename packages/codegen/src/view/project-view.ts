/**
 * The view model of a whole project for the NestJS + Prisma target: the entities' views, and
 * the facts the service repeats from the platform (error codes, session lifetime, channels),
 * taken from the packages that own them.
 */
import { AUTH_CHANNEL, DEFAULT_SESSION_POLICY, SESSION_COOKIE } from '@tessera/auth';
import { ERROR_CODES } from '@tessera/errors';
import { type Field, type ModelDocument, ORDERED_TYPES, TEXT_SEARCH_TYPES } from '@tessera/meta';
import {
  CHANGES_CHANNEL,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  METADATA_CHANNEL,
} from '@tessera/runtime-core';

import { type EntityView, entityViews } from './entity-view';
import { catalogView } from './catalog-view';
import { openApiView } from './openapi-view';

export interface ProjectView {
  project: string;
  packageName: string;
  version: number;
  entities: (EntityView & {
    writableFields: { code: string }[];
    fieldModels: { code: string; model: Record<string, unknown> }[];
    linkModels: { name: string; model: Record<string, unknown> }[];
    toOneLinks: { name: string; required: boolean }[];
    listLinks: { name: string }[];
    /** What the entity's request schemas import from the validation helpers. */
    schemaHelpers: string[];
  })[];
  errorCodes: { code: string; http: number }[];
  session: typeof DEFAULT_SESSION_POLICY;
  sessionCookie: string;
  channels: string[];
  changesChannel: string;
  defaultRateLimit: number;
  openapi: ReturnType<typeof openApiView>;
  catalog: ReturnType<typeof catalogView>;
  /** The filter language's type classes, as `@tessera/meta` has them. */
  filterTypes: { ordered: readonly string[]; textSearch: readonly string[] };
}

export function projectView(doc: ModelDocument, version: number): ProjectView {
  return {
    project: doc.project,
    packageName: `${doc.project.replaceAll('_', '-')}-service`,
    version,
    entities: entityViews(doc).map((e) => ({
      ...e,
      writableFields: e.fields.filter((f) => f.writable),
      fieldModels: e.fields.map((f) => ({ code: f.code, model: fieldModel(f.field) })),
      linkModels: e.links.map(({ name, kind, target, field, scalar, required, junction }) => ({
        name,
        model: {
          kind,
          target,
          field,
          ...(scalar ? { scalar } : {}),
          ...(required ? { required } : {}),
          ...(junction
            ? {
                junction: {
                  self: junction.self,
                  selfId: junction.selfId,
                  other: junction.other,
                  otherId: junction.otherId,
                },
              }
            : {}),
        },
      })),
      toOneLinks: e.links
        .filter((l) => l.kind === 'to-one')
        .map((l) => ({ name: l.name, required: l.required ?? false })),
      listLinks: e.links.filter((l) => l.kind === 'many-to-many'),
      schemaHelpers: [
        ...(e.fields.some((f) => f.writable) ? ['fieldValue'] : []),
        ...(e.links.some((l) => l.kind === 'to-one') ? ['reference'] : []),
        ...(e.links.some((l) => l.kind === 'many-to-many') ? ['references'] : []),
      ],
    })),
    errorCodes: Object.entries(ERROR_CODES).map(([code, { http }]) => ({ code, http })),
    session: DEFAULT_SESSION_POLICY,
    sessionCookie: SESSION_COOKIE,
    channels: [METADATA_CHANNEL, AUTH_CHANNEL],
    changesChannel: CHANGES_CHANNEL,
    defaultRateLimit: DEFAULT_RATE_LIMIT_PER_MINUTE,
    openapi: openApiView(doc, version),
    catalog: catalogView(doc),
    filterTypes: { ordered: ORDERED_TYPES, textSearch: TEXT_SEARCH_TYPES },
  };
}

/** A field as the service's descriptors keep it: what values and filters need, no labels. */
function fieldModel(field: Field): Record<string, unknown> {
  const { code, type, required, unique, validation } = field;
  const params: Record<string, unknown> = {};
  if (field.type === 'string') params.length = field.length;
  if (field.type === 'decimal')
    Object.assign(params, { precision: field.precision, scale: field.scale });
  if (field.type === 'enum' || field.type === 'enum-multi') params.options = field.options;
  if (field.type === 'computed') params.resultType = field.resultType;
  return {
    code,
    type,
    ...params,
    ...(required ? { required } : {}),
    ...(unique ? { unique } : {}),
    ...(field.default !== undefined ? { default: field.default } : {}),
    ...(validation ? { validation } : {}),
  };
}
