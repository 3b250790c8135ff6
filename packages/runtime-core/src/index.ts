export { MetadataCache, METADATA_CHANNEL, type MetadataCacheOptions } from './metadata/cache';
export {
  EMPTY_OVERVIEW,
  loadOverview,
  servedVersions,
  type PublishedModel,
  type SchemaOverview,
} from './metadata/overview';
export { MAX_PER_PAGE, readRows, type HttpResult } from './http/read';
export { compileModel, compileReadPlan, readColumns, type ReadPlan } from './query/read-plan';
export { compileFilter, FilterError, parseFilterParam, type CompiledFilter } from './query/filter';
export { createRow, deleteRow, updateRow, type WriteOptions } from './http/write';
