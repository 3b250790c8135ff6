-- CreateTable
CREATE TABLE "meta_projects" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "draft" JSONB NOT NULL,
    "draft_revision" INTEGER NOT NULL DEFAULT 1,
    "published_version" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "meta_projects_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meta_versions" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "document" JSONB NOT NULL,
    "plan" JSONB NOT NULL,
    "published_by_id" UUID,
    "published_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "meta_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meta_trash" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "table_name" TEXT NOT NULL,
    "column_name" TEXT,
    "trash_name" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "restored_at" TIMESTAMPTZ(3),

    CONSTRAINT "meta_trash_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meta_changes" (
    "id" BIGSERIAL NOT NULL,
    "project_id" UUID NOT NULL,
    "revision" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "entity" TEXT,
    "operation" TEXT NOT NULL,
    "payload" JSONB NOT NULL,

    CONSTRAINT "meta_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "meta_projects_code_key" ON "meta_projects"("code");

-- CreateIndex
CREATE UNIQUE INDEX "meta_versions_project_id_version_key" ON "meta_versions"("project_id", "version");

-- CreateIndex
CREATE INDEX "meta_trash_project_id_created_at_idx" ON "meta_trash"("project_id", "created_at");

-- CreateIndex
CREATE INDEX "meta_changes_project_id_id_idx" ON "meta_changes"("project_id", "id");

-- CreateIndex
CREATE INDEX "meta_changes_at_idx" ON "meta_changes"("at");

-- AddForeignKey
ALTER TABLE "meta_versions" ADD CONSTRAINT "meta_versions_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "meta_projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meta_trash" ADD CONSTRAINT "meta_trash_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "meta_projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meta_changes" ADD CONSTRAINT "meta_changes_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "meta_projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
