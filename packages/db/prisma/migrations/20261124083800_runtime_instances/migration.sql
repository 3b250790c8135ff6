-- CreateTable
CREATE TABLE "runtime_instances" (
    "id" UUID NOT NULL,
    "host" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "seen_at" TIMESTAMPTZ(3) NOT NULL,
    "report" JSONB NOT NULL,

    CONSTRAINT "runtime_instances_pkey" PRIMARY KEY ("id")
);
