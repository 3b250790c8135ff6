export { createClient, EntityClient, type ClientOptions, type TypedClient } from './client';
export { ApiError, isApiError } from './errors';
export type { ChangeEvent, ChangesOptions } from './changes';
export type {
  EntityShape,
  Expand,
  FieldName,
  ListOptions,
  ModelShape,
  Page,
  ReadOptions,
  Result,
  RowOf,
  SortKey,
} from './model';
