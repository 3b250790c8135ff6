/** Test callers with data grants of their own: a role, its grants on one project, a user. */
import type { Db } from '../client';

export interface TestGrant {
  entity: string;
  action: 'read' | 'create' | 'update' | 'delete';
  rowFilter?: unknown;
  fields?: readonly string[];
}

/** Creates a role holding `grants` on `project` (its row must exist) and a user with it; returns the user's id. */
export async function createUserWithGrants(
  db: Db,
  options: {
    project: string;
    role: string;
    email: string;
    grants: readonly TestGrant[];
    /** The role's `resource:action` permissions besides its data grants. */
    permissions?: readonly string[];
  },
): Promise<string> {
  const permissions = await db.permission.findMany({
    where: {
      OR: (options.permissions ?? []).map((p) => {
        const [resource, action] = p.split(':');
        return { resource: resource!, action: action! };
      }),
    },
    select: { id: true },
  });
  const project = await db.metaProject.findUniqueOrThrow({
    where: { code: options.project },
    select: { id: true },
  });
  const role = await db.role.create({
    data: {
      code: options.role,
      name: options.role,
      permissions: { create: permissions.map((p) => ({ permissionId: p.id })) },
      dataPermissions: {
        create: options.grants.map((g) => ({
          projectId: project.id,
          entity: g.entity,
          action: g.action,
          rowFilter: g.rowFilter === undefined ? undefined : (g.rowFilter as object),
          fields: g.fields ? [...g.fields] : undefined,
        })),
      },
    },
    select: { id: true },
  });
  const user = await db.user.create({
    data: { email: options.email, passwordHash: 'x', roles: { create: { roleId: role.id } } },
    select: { id: true },
  });
  return user.id;
}
