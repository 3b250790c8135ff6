/**
 * The selected entity's generated amis CRUD page (the same `@tessera/pages` output the console
 * serves), on sample rows, redrawn as its fields change. Nothing it does is sent: reads are
 * answered with made-up rows and writes refused (see preview-env.ts).
 */
import { type Entity } from '@tessera/meta';
import { entityPage } from '@tessera/pages/browser';
import { type AmisInstance, loadAmis } from '@tessera/pages/embed';
import { useEffect, useRef, useState } from 'react';

import { useDesigner, useDesignerState } from '../model/context';
import { previewFetcher } from '../preview/preview-env';

const REDRAW_MS = 250;

export function PagePreview() {
  const designer = useDesigner();
  const model = useDesignerState((s) => s.model);
  const selected = useDesignerState((s) => s.selection.entity);
  const entity: Entity | undefined = model?.entities.find((e) => e.id === selected);
  const host = useRef<HTMLDivElement>(null);
  const instance = useRef<AmisInstance | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const schema = model && entity ? entityPage(model, entity, { runtimeUrl: '' }) : null;
  const schemaText = schema ? JSON.stringify(schema) : null;

  useEffect(() => {
    if (!schemaText || !host.current) return;
    const container = host.current;
    let live = true;
    const timer = setTimeout(() => {
      loadAmis()
        .then((amis) => {
          if (!live) return;
          const page = JSON.parse(schemaText) as unknown;
          if (instance.current) {
            instance.current.updateSchema(page);
            return;
          }
          instance.current = amis.embed(
            container,
            page,
            { locale: 'en-US' },
            {
              theme: 'cxd',
              fetcher: previewFetcher(() => designer.get().model!),
              isCancel: () => false,
              notify: (_type: string, text: string) => setMessage(text),
              alert: (text: string) => setMessage(text),
              jumpTo: () => setMessage('Links do not leave the preview'),
              updateLocation: () => undefined,
              isCurrentUrl: () => false,
            },
          );
        })
        .catch(
          (error: unknown) =>
            live && setFailure(error instanceof Error ? error.message : String(error)),
        );
    }, REDRAW_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [schemaText, designer]);

  useEffect(
    () => () => {
      instance.current?.unmount();
      instance.current = null;
    },
    [],
  );

  if (!entity) return <p className="muted">Select an entity to see its page.</p>;
  return (
    <section className="page-preview" aria-label={`Page of ${entity.code}`}>
      <h2>Page of {entity.code}</h2>
      <p className="muted">Sample rows; nothing is saved from here.</p>
      {failure ? <p className="problem">{failure}</p> : null}
      {message ? (
        <p className="notice-inline" role="status">
          {message}
        </p>
      ) : null}
      <div ref={host} className="amis-host" data-testid="page-preview" />
    </section>
  );
}
