import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';

import { ConsoleShell } from '~/components/shell/console-shell';
import { getPrincipal, serverCaller } from '~/server/session';
import { getServices } from '~/server/services';

export const dynamic = 'force-dynamic';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const principal = await getPrincipal();
  if (!principal) {
    const users = await getServices().db.user.count();
    redirect(users === 0 ? '/setup' : '/login');
  }
  const caller = await serverCaller();
  const menus = await caller.menu.mine();
  const site = await getServices().db.systemConfig.findUnique({
    where: { key: 'site.name' },
    select: { value: true },
  });
  return (
    <ConsoleShell
      menus={menus}
      user={principal.user}
      siteName={typeof site?.value === 'string' ? site.value : 'Tessera'}
    >
      {children}
    </ConsoleShell>
  );
}
