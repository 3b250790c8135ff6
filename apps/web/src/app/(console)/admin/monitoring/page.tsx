import type { Metadata } from 'next';

import { MonitoringView } from '~/components/monitoring/monitoring-view';
import { RequirePermission } from '~/server/require-permission';

export const metadata: Metadata = { title: 'Monitoring' };
export const dynamic = 'force-dynamic';

export default function Page() {
  return (
    <RequirePermission permission="monitor:read">
      <MonitoringView />
    </RequirePermission>
  );
}
