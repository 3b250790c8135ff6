'use client';
/** The signed-in frame: the sidebar of menus the user may see, and a top bar with sign-out. */
import { Avatar, Box, DropdownMenu, Flex, Text } from '@radix-ui/themes';
import { useMutation } from '@tanstack/react-query';
import { LogOut, UserRound } from 'lucide-react';
import { usePathname, useRouter } from 'next/navigation';
import type { ReactNode } from 'react';
import { toast } from 'sonner';

import { PointLink } from '~/components/ui/point-link';
import { useTRPC } from '~/trpc/react';

import { MenuIcon } from './menu-icon';
import { useTimeZoneCookie } from './use-time-zone-cookie';

export interface ShellMenu {
  id: string;
  code: string;
  type: 'directory' | 'page' | 'entity_page';
  title: string;
  icon: string | null;
  path: string | null;
  children: ShellMenu[];
}

/** A console path: one leading slash, not `//` (which would name another site). */
const internal = (path: string | null) =>
  path !== null && /^\/(?!\/)/.test(path) && !path.includes('\\');

/** A sidebar entry, prefetched when pointed at; a menu saved with another site's address goes nowhere. */
function NavItem({ menu, pathname }: { menu: ShellMenu; pathname: string }) {
  const href = internal(menu.path) ? menu.path! : '#';
  const active =
    href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <PointLink
      href={href}
      className="nav-link"
      aria-current={active ? 'page' : undefined}
      data-menu={menu.code}
    >
      <MenuIcon name={menu.icon} />
      {menu.title}
    </PointLink>
  );
}

/** Directories become labelled groups; a project's folder of data pages nests inside "Data". */
function NavTree({
  menus,
  pathname,
  depth,
}: {
  menus: ShellMenu[];
  pathname: string;
  depth: number;
}) {
  return menus.map((menu) =>
    menu.type === 'directory' ? (
      <div
        key={menu.id}
        role="group"
        aria-label={menu.title}
        data-menu={menu.code}
        className={depth > 0 ? 'nav-subgroup' : undefined}
      >
        <div className={depth > 0 ? 'nav-subgroup-title' : 'nav-group'}>{menu.title}</div>
        <NavTree menus={menu.children} pathname={pathname} depth={depth + 1} />
      </div>
    ) : (
      <NavItem key={menu.id} menu={menu} pathname={pathname} />
    ),
  );
}

export function ConsoleShell({
  menus,
  user,
  siteName,
  children,
}: {
  menus: ShellMenu[];
  user: { name: string; email: string };
  siteName: string;
  children: ReactNode;
}) {
  const pathname = usePathname();
  const router = useRouter();
  const trpc = useTRPC();
  useTimeZoneCookie();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: () => {
        router.replace('/login');
        router.refresh();
      },
      onError: (e) => toast.error(e.message),
    }),
  );

  return (
    <div className="console">
      <nav className="console-sidebar" aria-label="Main">
        <Flex align="center" gap="2" px="3" mb="4">
          <Box
            width="24px"
            height="24px"
            style={{ background: 'var(--accent-9)', borderRadius: 6 }}
          />
          <Text weight="bold" size="4">
            {siteName}
          </Text>
        </Flex>
        <NavTree menus={menus} pathname={pathname} depth={0} />
      </nav>
      <div className="console-main">
        <header className="console-topbar">
          <DropdownMenu.Root>
            <DropdownMenu.Trigger>
              <button
                type="button"
                aria-label="Account menu"
                style={{ all: 'unset', cursor: 'pointer' }}
              >
                <Flex align="center" gap="2">
                  <Avatar
                    size="2"
                    radius="full"
                    fallback={(user.name || user.email).slice(0, 1).toUpperCase()}
                  />
                  <Text size="2">{user.name || user.email}</Text>
                </Flex>
              </button>
            </DropdownMenu.Trigger>
            <DropdownMenu.Content align="end">
              <DropdownMenu.Label>{user.email}</DropdownMenu.Label>
              <DropdownMenu.Item onSelect={() => router.push('/account')}>
                <UserRound size={14} /> Profile
              </DropdownMenu.Item>
              <DropdownMenu.Separator />
              <DropdownMenu.Item color="red" onSelect={() => logout.mutate()}>
                <LogOut size={14} /> Sign out
              </DropdownMenu.Item>
            </DropdownMenu.Content>
          </DropdownMenu.Root>
        </header>
        <main className="console-content">{children}</main>
      </div>
    </div>
  );
}
