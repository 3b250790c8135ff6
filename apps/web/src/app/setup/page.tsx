import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { SetupForm } from '~/components/auth/setup-form';
import { getServices } from '~/server/services';

export const metadata: Metadata = { title: 'Set up' };
export const dynamic = 'force-dynamic';

export default async function SetupPage() {
  if ((await getServices().db.user.count()) > 0) redirect('/login');
  return (
    <div className="auth-page">
      <SetupForm />
    </div>
  );
}
