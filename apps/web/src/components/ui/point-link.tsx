'use client';
/**
 * A link prefetched when the pointer rests on it or it takes focus, not when it scrolls into
 * view: a page listing many of a model's data pages would otherwise have them all rendered on
 * the server, and their answers handled by the browser, while it is still loading itself.
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { ComponentProps } from 'react';

export function PointLink({
  href,
  ...props
}: Omit<ComponentProps<typeof Link>, 'prefetch'> & { href: string }) {
  const router = useRouter();
  return (
    <Link
      {...props}
      href={href}
      prefetch={false}
      onMouseEnter={() => router.prefetch(href)}
      onFocus={() => router.prefetch(href)}
    />
  );
}
