/**
 * The service's migrations, one per published model version from the first ejection on: the
 * first creates the whole schema as it was then; each later one runs what the platform's publish
 * of that version ran (its plan), so a database the service migrated follows the model as the
 * platform's did. Regenerating writes the same files for the same versions, so earlier
 * migrations never change under a database that applied them.
 */
import { AppError } from '@tessera/errors';
import {
  type ModelDocument,
  type Plan,
  publishedStatements,
  withJunctionEntities,
} from '@tessera/meta';

import type { GeneratedFile } from '../files';
import { initialMigration } from './nestjs-prisma';

export interface MigrationHistory {
  /** The version the service was first ejected at: its migration creates the whole schema. */
  base: { version: number; document: ModelDocument };
  /** The plan of every version published after it, in order, up to the one ejected. */
  later: { version: number; plan: Plan }[];
}

/** Migrations sort by name: the model version, zero-padded, keeps them in publish order. */
export function migrationName(version: number): string {
  return `${String(version).padStart(6, '0')}_${version === 1 ? 'init' : `v${version}`}`;
}

const file = (version: number, content: string): GeneratedFile => ({
  path: `prisma/migrations/${migrationName(version)}/migration.sql`,
  content,
  ownership: 'generated',
});

function laterMigration(version: number, plan: Plan): string {
  const statements = publishedStatements(plan).map((s) => `-- ${s.summary}\n${s.sql};`);
  return [
    `-- Model version ${version}, as the platform's publish of it changed the database.`,
    ...(statements.length ? statements : ['-- Nothing to change in the database.']),
  ].join('\n\n');
}

export function migrationFiles(
  document: ModelDocument,
  version: number,
  history?: MigrationHistory,
): GeneratedFile[] {
  if (!history || history.base.version === version)
    return [file(version, initialMigration(withJunctionEntities(document)))];
  const { base, later } = history;
  const expected = Array.from({ length: version - base.version }, (_, i) => base.version + 1 + i);
  const given = later.map((l) => l.version);
  if (base.version > version || expected.join() !== given.join())
    throw new AppError(
      'VALIDATION',
      `The migration history from version ${base.version} must hold every version up to ${version}; it has ${given.join(', ') || 'none'}`,
    );
  return [
    file(base.version, initialMigration(withJunctionEntities(base.document))),
    ...later.map((l) => file(l.version, laterMigration(l.version, l.plan))),
  ];
}
