'use client';
/** An entity's data page: the generated (or overridden) amis page, rendered against the runtime. */
import { AmisView } from './amis-view';

export interface EntityPage {
  title: string;
  version: number | null;
  schema: unknown;
}

export function EntityDataView({
  project,
  entity,
  page,
}: {
  project: string;
  entity: string;
  page: EntityPage;
}) {
  return (
    <div data-project={project} data-entity={entity}>
      <AmisView schema={page.schema} label={`${page.title} data`} />
    </div>
  );
}
