-- CreateTable
CREATE TABLE "data_changes" (
    "seq" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "project" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "op" TEXT NOT NULL,
    "ids" UUID[],
    "xid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
    "oldest_xid" xid8 NOT NULL DEFAULT pg_snapshot_xmin(pg_current_snapshot()),

    CONSTRAINT "data_changes_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "data_changes_project_seq_idx" ON "data_changes"("project", "seq");

-- CreateIndex
CREATE INDEX "data_changes_at_idx" ON "data_changes" USING BRIN ("at");
