export { applyMigrations, type ApplyMigrationsOptions } from './apply';
export { diffSchemaAgainstMigrations, isEmptyMigration } from './diff';
export { readMigrations } from './migrations';
