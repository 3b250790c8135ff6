-- AlterTable
ALTER TABLE "data_changes" ADD COLUMN     "rows" JSONB;
