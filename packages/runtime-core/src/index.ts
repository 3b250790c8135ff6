export { MetadataCache, METADATA_CHANNEL, type MetadataCacheOptions } from './metadata/cache';
export {
  EMPTY_OVERVIEW,
  loadOverview,
  servedVersions,
  type PublishedModel,
  type SchemaOverview,
} from './metadata/overview';
