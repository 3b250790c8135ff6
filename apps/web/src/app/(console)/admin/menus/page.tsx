import type { Metadata } from 'next';

import { MenusView } from '~/components/admin/menus-view';
import { RequirePermission } from '~/server/require-permission';

export const metadata: Metadata = { title: 'Menus' };

export default function Page() {
  return (
    <RequirePermission permission="menu:read">
      <MenusView />
    </RequirePermission>
  );
}
