import type { Metadata } from 'next';

import { AuditView } from '~/components/admin/audit-view';
import { RequirePermission } from '~/server/require-permission';

export const metadata: Metadata = { title: 'Audit log' };

export default function Page() {
  return (
    <RequirePermission permission="audit:read">
      <AuditView />
    </RequirePermission>
  );
}
