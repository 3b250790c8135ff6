import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { LoginForm } from '~/components/auth/login-form';
import { getPrincipal } from '~/server/session';
import { getServices } from '~/server/services';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function LoginPage() {
  if (await getPrincipal()) redirect('/');
  if ((await getServices().db.user.count()) === 0) redirect('/setup');
  return (
    <div className="auth-page">
      <LoginForm />
    </div>
  );
}
