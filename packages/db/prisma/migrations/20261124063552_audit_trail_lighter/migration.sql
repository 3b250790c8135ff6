-- DropForeignKey
ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_actor_id_fkey";

-- DropIndex
DROP INDEX "audit_log_actor_id_at_idx";

-- DropIndex
DROP INDEX "audit_log_at_idx";

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING BRIN ("at");
