import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { LoginForm } from '~/components/auth/login-form';
import { returnPath } from '~/lib/return-path';
import { getPrincipal } from '~/server/session';
import { getServices } from '~/server/services';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const next = returnPath((await searchParams).next);
  if (await getPrincipal()) redirect(next ?? '/');
  if ((await getServices().db.user.count()) === 0) redirect('/setup');
  return (
    <div className="auth-page">
      <LoginForm next={next} />
    </div>
  );
}
