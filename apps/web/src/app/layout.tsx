import '@radix-ui/themes/styles.css';
import './globals.css';

import { Theme } from '@radix-ui/themes';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { Toaster } from 'sonner';

import { TRPCReactProvider } from '~/trpc/react';

export const metadata: Metadata = {
  title: { default: 'Tessera', template: '%s · Tessera' },
  description: 'Metadata-driven low-code platform',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The proxy's nonce: reading it renders every page per request, each with a nonce of its own.
  await headers();
  return (
    <html lang="en" suppressHydrationWarning>
      <body>
        <Theme accentColor="indigo" grayColor="slate" radius="medium" scaling="100%">
          <TRPCReactProvider>{children}</TRPCReactProvider>
          <Toaster richColors position="top-right" closeButton />
        </Theme>
      </body>
    </html>
  );
}
