import type { Metadata } from 'next';

import { ProjectView } from '~/components/modeling/project-view';
import { RequirePermission } from '~/server/require-permission';

export const metadata: Metadata = { title: 'Project' };

export default async function ProjectPage({ params }: { params: Promise<{ project: string }> }) {
  const { project } = await params;
  return (
    <RequirePermission permission="entity:read">
      <ProjectView code={project} />
    </RequirePermission>
  );
}
