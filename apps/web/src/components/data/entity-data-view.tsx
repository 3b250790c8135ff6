'use client';
/** An entity's data page: the generated (or edited) amis page, rendered against the runtime. */
import { Button, Callout, Flex } from '@radix-ui/themes';
import { PencilRuler } from 'lucide-react';
import { useState } from 'react';

import type { FirstRows } from '~/server/first-rows';

import { AmisView } from './amis-view';
import { FirstRowsTable } from './first-rows-table';
import { PageEditor } from './page-editor';

export interface EntityPage {
  title: string;
  dataApi: string;
  version: number | null;
  schema: unknown;
  override: { version: number; conflicts: string[] } | null;
  editable: boolean;
}

export function EntityDataView({
  project,
  entity,
  page,
  firstRows,
}: {
  project: string;
  entity: string;
  page: EntityPage;
  /** The list's first page, read on the server; shown until amis has rendered its own. */
  firstRows: FirstRows | null;
}) {
  const [editing, setEditing] = useState(false);
  return (
    <div data-project={project} data-entity={entity}>
      {page.editable ? (
        <Flex justify="end" mb="-6" position="relative" style={{ zIndex: 1 }}>
          <Button variant="soft" size="1" onClick={() => setEditing(true)}>
            <PencilRuler size={14} /> Edit page
          </Button>
        </Flex>
      ) : null}
      {page.override?.conflicts.length ? (
        <Callout.Root color="amber" my="3" role="alert">
          <Callout.Text>
            Some edits of this page are left out: {page.override.conflicts.join('; ')}
          </Callout.Text>
        </Callout.Root>
      ) : null}
      <AmisView
        schema={page.schema}
        label={`${page.title} data`}
        dataApi={page.dataApi}
        placeholder={
          firstRows?.rows.length ? (
            <FirstRowsTable title={page.title} firstRows={firstRows} />
          ) : undefined
        }
      />
      {page.editable ? (
        <PageEditor project={project} entity={entity} open={editing} onOpenChange={setEditing} />
      ) : null}
    </div>
  );
}
