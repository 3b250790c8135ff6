/**
 * The NestJS + Prisma target: which template renders which file, for the project and for each
 * entity. Files under `base/` and the project's wiring are generated (rewritten on every
 * regeneration); an entity's controller and service are the developer's, written once.
 */
import { createProjectDdl, type ModelDocument } from '@tessera/meta';

import type { ProjectView } from '../view/project-view';

export interface RenderItem {
  template: string;
  path: string;
  context: unknown;
  ownership: 'generated' | 'owned';
}

/** Files rendered once per project, by template name; the output path is the name. */
const PROJECT_FILES = [
  'README.md',
  'package.json',
  'pnpm-workspace.yaml',
  'tsconfig.json',
  'tsconfig.build.json',
  'prisma.config.ts',
  '.gitignore',
  '.prettierrc.json',
  'eslint.config.js',
  '.prettierignore',
  '.env.example',
  'Dockerfile',
  'scripts/generate.mjs',
  'prisma/schema.prisma',
  'prisma/migrations/migration_lock.toml',
  'test/health.test.mjs',
  'src/main.ts',
  'src/app.module.ts',
  'src/env.ts',
  'src/env.token.ts',
  'src/prisma/prisma.service.ts',
  'src/prisma/prisma.module.ts',
  'src/platform/platform.service.ts',
  'src/platform/platform.module.ts',
  'src/platform/access.service.ts',
  'src/platform/caller.ts',
  'src/platform/grants.ts',
  'src/common/errors/app-error.ts',
  'src/common/errors/database-errors.ts',
  'src/common/errors/error.filter.ts',
  'src/common/http/envelope.interceptor.ts',
  'src/common/auth/auth.guard.ts',
  'src/common/limits/rate-limiter.ts',
  'src/common/query/filter.ts',
  'src/common/query/form-filter.ts',
  'src/common/query/selection.ts',
  'src/common/query/values.ts',
  'src/common/crud/rows.ts',
  'src/common/crud/list-query.ts',
  'src/common/crud/read.ts',
  'src/common/crud/write.ts',
  'src/common/crud/bulk.ts',
  'src/common/crud/changes.ts',
  'src/common/crud/idempotency.ts',
  'src/common/crud/export.ts',
  'src/common/crud/import.ts',
  'src/common/crud/aggregate.ts',
  'src/common/validation/field.ts',
  'src/common/validation/schemas.ts',
  'src/common/validation/zod.pipe.ts',
  'src/model/types.ts',
  'src/model/model.ts',
  'src/changes/notice.ts',
  'src/changes/change-feed.service.ts',
  'src/changes/visible-change.ts',
  'src/changes/changes.controller.ts',
  'src/changes/changes.module.ts',
  'src/openapi/document.ts',
  'src/openapi/openapi.controller.ts',
  'src/health/health.controller.ts',
  'src/health/request-counts.ts',
  'src/health/schema-drift.ts',
  'src/db/migrate.ts',
  'src/db/expected.ts',
  'src/db/check.ts',
];

/** Tables the service keeps beside the data, as the platform's database has them. */
const BOOKKEEPING_SQL = `-- The service's own bookkeeping, shaped as the Tessera platform's tables of the same names
-- (which already exist when the service runs on the platform's database).
CREATE TABLE IF NOT EXISTS "public"."idempotency_keys" (
    "user_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "response" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("user_id","key")
);
CREATE INDEX IF NOT EXISTS "idempotency_keys_created_at_idx" ON "public"."idempotency_keys"("created_at");

CREATE TABLE IF NOT EXISTS "public"."data_changes" (
    "seq" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "project" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "op" TEXT NOT NULL,
    "ids" UUID[],
    "rows" JSONB,
    "xid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
    "oldest_xid" xid8 NOT NULL DEFAULT pg_snapshot_xmin(pg_current_snapshot()),
    CONSTRAINT "data_changes_pkey" PRIMARY KEY ("seq")
);
CREATE INDEX IF NOT EXISTS "data_changes_project_seq_idx" ON "public"."data_changes"("project", "seq");
CREATE INDEX IF NOT EXISTS "data_changes_at_idx" ON "public"."data_changes" USING BRIN ("at");
`;

/** The first migration: the project's schema exactly as the platform's publish creates it. */
export function initialMigration(doc: ModelDocument): string {
  const statements = createProjectDdl(doc).map((s) => `-- ${s.summary}\n${s.sql};`);
  return `${statements.join('\n\n')}\n\n${BOOKKEEPING_SQL}`;
}

export function nestjsPrismaItems(view: ProjectView): RenderItem[] {
  const items: RenderItem[] = PROJECT_FILES.map((name) => ({
    template: name,
    path: name,
    context: view,
    ownership: 'generated',
  }));
  for (const entity of view.entities) {
    const context = { ...entity, project: view.project };
    const dir = `src/${entity.file}`;
    items.push(
      {
        template: 'entity/base/controller.base.ts',
        path: `${dir}/base/${entity.file}.controller.base.ts`,
        context,
        ownership: 'generated',
      },
      {
        template: 'entity/base/service.base.ts',
        path: `${dir}/base/${entity.file}.service.base.ts`,
        context,
        ownership: 'generated',
      },
      {
        template: 'entity/base/schemas.ts',
        path: `${dir}/base/${entity.file}.schemas.ts`,
        context,
        ownership: 'generated',
      },
      {
        template: 'entity/module.ts',
        path: `${dir}/${entity.file}.module.ts`,
        context,
        ownership: 'generated',
      },
      {
        template: 'entity/controller.ts',
        path: `${dir}/${entity.file}.controller.ts`,
        context,
        ownership: 'owned',
      },
      {
        template: 'entity/service.ts',
        path: `${dir}/${entity.file}.service.ts`,
        context,
        ownership: 'owned',
      },
    );
  }
  return items;
}
