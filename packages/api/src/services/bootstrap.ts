/** Start-up tasks shared by the dev command and the web server. */
import { passwordSchema } from '@tessera/auth';
import type { Db } from '@tessera/db';

import { createFirstAdmin } from './auth';

/**
 * Creates the administrator named by TESSERA_ADMIN_EMAIL / TESSERA_ADMIN_PASSWORD when no user
 * exists yet. There is never a default password.
 */
export async function ensureFirstAdmin(
  db: Db,
  admin: { email?: string; password?: string },
): Promise<'created' | 'exists' | 'not-configured'> {
  if (!admin.email || !admin.password) return 'not-configured';
  passwordSchema.parse(admin.password);
  const created = await createFirstAdmin(db, { email: admin.email, password: admin.password });
  if (created) {
    await db.auditLog.create({
      data: {
        action: 'auth.setup',
        resource: 'user',
        resourceId: created.id,
        actorId: created.id,
        actorEmail: created.email,
        after: { email: created.email, source: 'environment' },
      },
      select: { id: true },
    });
  }
  return created ? 'created' : 'exists';
}
