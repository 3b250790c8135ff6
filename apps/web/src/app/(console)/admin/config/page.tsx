import type { Metadata } from 'next';

import { ConfigView } from '~/components/admin/config-view';
import { RequirePermission } from '~/server/require-permission';

export const metadata: Metadata = { title: 'Configuration' };

export default function Page() {
  return (
    <RequirePermission permission="config:read">
      <ConfigView />
    </RequirePermission>
  );
}
