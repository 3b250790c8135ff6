'use client';
/**
 * Renders an amis schema inside the console. amis mounts into its own element with the SDK's
 * React; it is unmounted when the view leaves (navigation) and remounted when the schema or
 * `generation` changes (a reload after a conflict). A `placeholder` (the first rows, read on
 * the server) stands in its place until amis has rendered rows of its own; amis renders
 * beneath it, laid out but unseen, so its table measures itself as it would in view.
 */
import { Callout } from '@radix-ui/themes';
import { useRouter } from 'next/navigation';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';

import { createAmisEnv } from './amis-env';
import { loadAmis } from '@tessera/pages/embed';

/** A data row of amis's table (not its "no data" row). */
const AMIS_ROW = 'tbody tr:not([class*="Table-placeholder"])';
/** Past this after amis mounted, it is shown whatever it rendered (a page without a table). */
const PLACEHOLDER_AT_MOST_MS = 4_000;

export function AmisView({
  schema,
  label,
  dataApi,
  placeholder,
  readOnly = false,
}: {
  schema: unknown;
  label: string;
  /** The project's data API: the only address the page's requests may go to. */
  dataApi: string;
  placeholder?: ReactNode;
  /** A preview: writes are not sent (see `createAmisEnv`). */
  readOnly?: boolean;
}) {
  const container = useRef<HTMLDivElement>(null);
  const router = useRouter();
  const [generation, setGeneration] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const [placeholding, setPlaceholding] = useState(placeholder !== undefined);

  useEffect(() => {
    if (!placeholding || !container.current) return;
    const host = container.current;
    let fallback: number | undefined;
    const reveal = () => setPlaceholding(false);
    const observer = new MutationObserver(() => {
      if (host.querySelector(AMIS_ROW)) reveal();
      else fallback ??= window.setTimeout(reveal, PLACEHOLDER_AT_MOST_MS);
    });
    observer.observe(host, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      window.clearTimeout(fallback);
    };
  }, [placeholding]);

  useEffect(() => {
    let instance: { unmount(): void } | undefined;
    let cancelled = false;
    const env = createAmisEnv({
      readOnly,
      dataApi,
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
  }, [schema, generation, router, readOnly, dataApi]);

  if (failure)
    return (
      <Callout.Root color="red" role="alert">
        <Callout.Text>{failure}</Callout.Text>
      </Callout.Root>
    );
  return (
    <div className="amis-frame">
      {placeholding ? placeholder : null}
      <div
        ref={container}
        className="amis-host"
        aria-label={label}
        data-generation={generation}
        data-placeholding={placeholding || undefined}
      />
    </div>
  );
}
