/**
 * Applies pending migrations exactly as `prisma migrate deploy` does: each one recorded in
 * `_prisma_migrations` with its checksum, so either tool can take over from the other.
 */
import { readMigrations, noFilters } from './migrations';
import { withSchemaEngine } from './schema-engine';

export interface ApplyMigrationsOptions {
  databaseUrl: string;
  migrationsDir?: string;
  onLog?: (line: string) => void;
}

export async function applyMigrations({
  databaseUrl,
  migrationsDir,
  onLog,
}: ApplyMigrationsOptions): Promise<{ applied: string[] }> {
  const migrationsList = await readMigrations(migrationsDir);
  return withSchemaEngine({ databaseUrl, onLog }, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList, filters: noFilters });
    return { applied: result.appliedMigrationNames };
  });
}
