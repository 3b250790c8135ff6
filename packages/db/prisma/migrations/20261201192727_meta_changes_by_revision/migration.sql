-- CreateIndex
CREATE INDEX "meta_changes_project_id_revision_idx" ON "meta_changes"("project_id", "revision");
