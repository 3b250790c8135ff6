import type { Metadata } from 'next';

import { RolesView } from '~/components/admin/roles-view';
import { RequirePermission } from '~/server/require-permission';

export const metadata: Metadata = { title: 'Roles' };

export default function Page() {
  return (
    <RequirePermission permission="role:read">
      <RolesView />
    </RequirePermission>
  );
}
