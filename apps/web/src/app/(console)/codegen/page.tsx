import type { Metadata } from 'next';
import { Suspense } from 'react';

import { CodegenView } from '~/components/codegen/codegen-view';
import { RequirePermission } from '~/server/require-permission';

export const metadata: Metadata = { title: 'Code generation' };

export default function CodegenPage() {
  return (
    <RequirePermission permission="codegen:run">
      <Suspense>
        <CodegenView />
      </Suspense>
    </RequirePermission>
  );
}
