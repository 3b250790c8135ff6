/**
 * Computes the SQL that takes the database from the committed migrations to the current
 * `schema.prisma`, the same script `prisma migrate diff` writes. Used to author migrations.
 */
import { readMigrations, noFilters } from './migrations';
import { withSchemaEngine } from './schema-engine';

export async function diffSchemaAgainstMigrations(options: {
  databaseUrl: string;
  migrationsDir?: string;
}): Promise<string> {
  const migrationsList = await readMigrations(options.migrationsDir);
  return withSchemaEngine({ databaseUrl: options.databaseUrl }, async (engine, datamodel) => {
    const from =
      migrationsList.migrationDirectories.length === 0
        ? ({ tag: 'empty' } as const)
        : ({ tag: 'migrations', ...migrationsList } as const);
    const result = await engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: [datamodel] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return result.stdout ?? '';
  });
}

/** The engine writes a comment rather than nothing when there is no difference. */
export function isEmptyMigration(sql: string): boolean {
  return sql.replace(/^--.*$/gm, '').trim() === '';
}
