export { applyMigrations, type ApplyMigrationsOptions } from './apply';
export { diffSchemaAgainstMigrations } from './diff';
export { readMigrations } from './migrations';
