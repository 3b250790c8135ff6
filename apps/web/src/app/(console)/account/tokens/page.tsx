import type { Metadata } from 'next';

import { TokensView } from '~/components/account/tokens-view';
import { RequirePermission } from '~/server/require-permission';

export const metadata: Metadata = { title: 'API tokens' };

export default function TokensPage() {
  return (
    <RequirePermission permission="api-token:read">
      <TokensView />
    </RequirePermission>
  );
}
