export { MetadataCache, METADATA_CHANNEL, type MetadataCacheOptions } from './metadata/cache';
export {
  EMPTY_OVERVIEW,
  loadOverview,
  servedVersions,
  type PublishedModel,
  type SchemaOverview,
} from './metadata/overview';
export { DATA_ACTIONS, loadGrants, type DataAction, type Grant } from './access/grants';
export {
  accessKey,
  entityAccess,
  FULL_ACCESS,
  resolveVariables,
  type Caller,
  type EntityAccess,
} from './access/policy';
export { MAX_PER_PAGE, readRows } from './http/read';
export { type HttpResult, refusal } from './http/result';
export type { DataRequest } from './http/target';
export { compileModel, compileReadPlan, readColumns, type ReadPlan } from './query/read-plan';
export {
  compileFilter,
  filterError,
  isAccessRuleError,
  parseFilterParam,
  type CompiledFilter,
} from './query/filter';
export { createRow, deleteRow, deleteRows, updateRow, type WriteOptions } from './http/write';
export { bulkUpdate } from './http/bulk';
export { linksOf, permissionFields, type Link } from './query/links';
export { type FieldRenames, renameFilterFields } from './query/rename-filter';
export { pruneIdempotencyKeys, IDEMPOTENCY_TTL_HOURS } from './http/idempotency';
export { aggregateRows } from './http/aggregate';
export { exportRows, MAX_EXPORT_ROWS, type StreamedResult } from './http/export';
export { importRows, MAX_IMPORT_LINES } from './http/import';
export { ChangeFeed, visibleChange, WATCH_CHANNEL, type ChangeEvent } from './changes/feed';
export {
  CHANGES_CHANNEL,
  CHANGES_KEPT_HOURS,
  type ChangeNotice,
  pruneChanges,
} from './changes/notify';
export {
  type EventId,
  formatEventId,
  MAX_REPLAY,
  newestChange,
  parseEventId,
  REPLAY_WITHIN_MS,
  replayChanges,
  type Replay,
} from './changes/replay';
export { Listener } from './metadata/listener';
export { openApiDocument } from './openapi/document';
export { typesModule } from './typescript/types-module';
export { formatTypes, formattedTypesModule } from './typescript/format';
export { pascal as openApiName } from './openapi/parts';
export {
  AUDIT_KEY,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  RATE_LIMIT_KEY,
  rateLimitPerMinute,
  RUNTIME_SETTINGS_PREFIX,
} from './metadata/settings';
