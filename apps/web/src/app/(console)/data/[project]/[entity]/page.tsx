import { Callout } from '@radix-ui/themes';
import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { preload } from 'react-dom';

import { AMIS_SDK_SCRIPT, AMIS_SDK_STYLES } from '@tessera/pages/embed';
import { EntityDataView } from '~/components/data/entity-data-view';
import { readFirstRows } from '~/server/first-rows';
import { serverCaller } from '~/server/session';

type Params = Promise<{ project: string; entity: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { entity } = await params;
  return { title: entity };
}

/** The data page of a published entity, generated from the model for the signed-in user. */
export default async function EntityDataPage({ params }: { params: Params }) {
  const { project, entity } = await params;
  // The SDK downloads while the page is rendered and hydrated; the request's nonce lets the
  // console's policy take the preload.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  preload(AMIS_SDK_SCRIPT, { as: 'script', nonce });
  AMIS_SDK_STYLES.forEach((href) => preload(href, { as: 'style' }));
  const caller = await serverCaller();
  const result = await caller.page.entity({ project, entity }).then(
    (page) => ({ page }),
    (error: unknown) => {
      if (error instanceof TRPCError && error.code === 'NOT_FOUND') notFound();
      if (error instanceof TRPCError && error.code === 'FORBIDDEN')
        return { refused: error.message };
      throw error;
    },
  );
  if ('refused' in result)
    return (
      <Callout.Root color="amber" role="alert">
        <Callout.Text>{result.refused}</Callout.Text>
      </Callout.Root>
    );
  // The list's first page is read here so its rows arrive with the HTML, before amis starts.
  const { preview, ...page } = result.page;
  const firstRows = preview ? await readFirstRows(preview) : null;
  return <EntityDataView project={project} entity={entity} page={page} firstRows={firstRows} />;
}
