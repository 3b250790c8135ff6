import type { Metadata } from 'next';
import { Suspense } from 'react';

import { TemplatesView } from '~/components/codegen/templates-view';
import { RequirePermission } from '~/server/require-permission';

export const metadata: Metadata = { title: 'Templates' };

export default function TemplatesPage() {
  return (
    <RequirePermission permission="template:update">
      <Suspense>
        <TemplatesView />
      </Suspense>
    </RequirePermission>
  );
}
