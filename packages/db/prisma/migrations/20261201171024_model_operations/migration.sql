-- AlterTable
ALTER TABLE "meta_changes" ADD COLUMN     "client_id" TEXT,
ADD COLUMN     "keys" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "ops" JSONB;
