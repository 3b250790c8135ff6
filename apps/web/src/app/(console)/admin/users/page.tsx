import type { Metadata } from 'next';

import { UsersView } from '~/components/admin/users-view';
import { RequirePermission } from '~/server/require-permission';

export const metadata: Metadata = { title: 'Users' };

export default function UsersPage() {
  return (
    <RequirePermission permission="user:read">
      <UsersView />
    </RequirePermission>
  );
}
