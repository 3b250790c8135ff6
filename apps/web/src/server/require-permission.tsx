/** Server-side page guard: the page renders only for holders of the permission. */
import 'server-only';

import { Callout } from '@radix-ui/themes';
import type { ReactNode } from 'react';

import { requirePrincipal } from './session';

export async function RequirePermission({
  permission,
  children,
}: {
  permission: string;
  children: ReactNode;
}) {
  const principal = await requirePrincipal();
  if (!principal.permissions.has(permission)) {
    return (
      <Callout.Root color="amber" role="alert">
        <Callout.Text>You do not have access to this page (it needs {permission}).</Callout.Text>
      </Callout.Root>
    );
  }
  return <>{children}</>;
}
