-- CreateTable
CREATE TABLE "template_overrides" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "target" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "source" TEXT,
    "note" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "template_overrides_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "codegen_runs" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "targets" TEXT[],
    "model_version" INTEGER NOT NULL,
    "template_versions" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "summary" JSONB,
    "files" JSONB,
    "error" JSONB,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "codegen_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "template_overrides_project_id_target_name_version_key" ON "template_overrides"("project_id", "target", "name", "version");

-- CreateIndex
CREATE INDEX "codegen_runs_project_id_created_at_idx" ON "codegen_runs"("project_id", "created_at");

-- AddForeignKey
ALTER TABLE "template_overrides" ADD CONSTRAINT "template_overrides_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "meta_projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "template_overrides" ADD CONSTRAINT "template_overrides_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "codegen_runs" ADD CONSTRAINT "codegen_runs_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "meta_projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "codegen_runs" ADD CONSTRAINT "codegen_runs_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
