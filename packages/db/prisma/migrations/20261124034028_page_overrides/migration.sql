-- CreateTable
CREATE TABLE "page_overrides" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "entity_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "patch" JSONB,
    "note" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "page_overrides_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "page_overrides_project_id_entity_id_version_key" ON "page_overrides"("project_id", "entity_id", "version");

-- AddForeignKey
ALTER TABLE "page_overrides" ADD CONSTRAINT "page_overrides_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "meta_projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "page_overrides" ADD CONSTRAINT "page_overrides_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
