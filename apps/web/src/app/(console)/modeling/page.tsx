import type { Metadata } from 'next';

import { ProjectsView } from '~/components/modeling/projects-view';
import { RequirePermission } from '~/server/require-permission';

export const metadata: Metadata = { title: 'Projects' };

export default function ProjectsPage() {
  return (
    <RequirePermission permission="entity:read">
      <ProjectsView />
    </RequirePermission>
  );
}
