-- CreateTable
CREATE TABLE "data_permissions" (
    "id" UUID NOT NULL,
    "role_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "entity" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "row_filter" JSONB,
    "fields" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "data_permissions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "data_permissions_project_id_idx" ON "data_permissions"("project_id");

-- CreateIndex
CREATE UNIQUE INDEX "data_permissions_role_id_project_id_entity_action_key" ON "data_permissions"("role_id", "project_id", "entity", "action");

-- AddForeignKey
ALTER TABLE "data_permissions" ADD CONSTRAINT "data_permissions_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_permissions" ADD CONSTRAINT "data_permissions_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "meta_projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Raises insufficient_privilege from inside a statement, so a write whose new row falls outside
-- the caller's row filter is refused and rolled back by that same statement.
CREATE FUNCTION "tessera_deny"(message text) RETURNS boolean
  LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = message;
END
$$;
