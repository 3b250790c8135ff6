'use client';
/**
 * Renders an amis schema inside the console. amis mounts into its own element with the SDK's
 * React; it is unmounted when the view leaves (navigation) and remounted when the schema or
 * `generation` changes (a reload after a conflict).
 */
import { Callout } from '@radix-ui/themes';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';

import { createAmisEnv } from './amis-env';
import { loadAmis } from './amis-sdk';

export function AmisView({ schema, label }: { schema: unknown; label: string }) {
  const container = useRef<HTMLDivElement>(null);
  const router = useRouter();
  const [generation, setGeneration] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let instance: { unmount(): void } | undefined;
    let cancelled = false;
    const env = createAmisEnv({
      navigate: (to) => router.push(to),
      onSignedOut: () => {
        toast.error('Your session ended. Sign in again.');
        router.replace('/login');
      },
      onConflict: (message) =>
        toast.warning('Changed by someone else', {
          id: 'amis-conflict',
          description: message,
          duration: 15_000,
          action: { label: 'Reload', onClick: () => setGeneration((g) => g + 1) },
        }),
    });
    loadAmis()
      .then((amis) => {
        if (cancelled || !container.current) return;
        instance = amis.embed(container.current, schema, { locale: 'en-US' }, env);
      })
      .catch((error: Error) => setFailure(error.message));
    return () => {
      cancelled = true;
      instance?.unmount();
    };
  }, [schema, generation, router]);

  if (failure)
    return (
      <Callout.Root color="red" role="alert">
        <Callout.Text>{failure}</Callout.Text>
      </Callout.Root>
    );
  return (
    <div ref={container} className="amis-host" aria-label={label} data-generation={generation} />
  );
}
