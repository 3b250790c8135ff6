'use client';
/** One project: its entities (the draft), the publish plan, the version history and the trash. */
import { Badge, Button, Flex, Tabs, Text } from '@radix-ui/themes';
import { useQuery } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';

import { PageHeader } from '~/components/ui/page-header';
import { ErrorState } from '~/components/ui/states';
import { useTRPC } from '~/trpc/react';

import { EntitiesPanel } from './entities-panel';
import { PermissionsPanel } from './permissions-panel';
import { PublishPanel } from './publish-panel';
import { TrashPanel } from './trash-panel';
import { VersionsPanel } from './versions-panel';

const TABS = ['entities', 'publish', 'versions', 'trash', 'permissions'] as const;

export function ProjectView({ code }: { code: string }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.project.get.queryOptions({ code }));
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const tab = TABS.find((t) => t === params.get('tab')) ?? 'entities';
  if (project.error)
    return <ErrorState error={project.error} onRetry={() => void project.refetch()} />;
  const p = project.data;
  return (
    <>
      <PageHeader
        title={p?.name ?? code}
        description={p?.description || `Project ${code}`}
        actions={
          p ? (
            <Flex gap="2" align="center">
              <Badge variant="outline">schema {p.code}</Badge>
              <Badge color={p.publishedVersion ? 'green' : 'gray'}>
                {p.publishedVersion ? `v${p.publishedVersion} published` : 'unpublished'}
              </Badge>
              <Text size="1" color="gray">
                draft rev {p.draftRevision}
              </Text>
              <Button asChild size="2">
                {/* The designer is its own app, served by this server under /designer/. */}
                <a href={`/designer/${encodeURIComponent(p.code)}`}>Open in designer</a>
              </Button>
            </Flex>
          ) : undefined
        }
      />
      <Tabs.Root value={tab} onValueChange={(v) => router.replace(`${pathname}?tab=${v}`)}>
        <Tabs.List>
          <Tabs.Trigger value="entities">Entities</Tabs.Trigger>
          <Tabs.Trigger value="publish">Plan &amp; publish</Tabs.Trigger>
          <Tabs.Trigger value="versions">Versions</Tabs.Trigger>
          <Tabs.Trigger value="trash">Trash</Tabs.Trigger>
          <Tabs.Trigger value="permissions">Permissions</Tabs.Trigger>
        </Tabs.List>
        <div style={{ paddingTop: 'var(--space-4)' }}>
          {p && tab === 'entities' ? (
            <EntitiesPanel
              project={p.code}
              draft={p.draft}
              revision={p.draftRevision}
              status={p.entityStatus}
            />
          ) : null}
          {p && tab === 'publish' ? <PublishPanel project={p.code} /> : null}
          {p && tab === 'versions' ? <VersionsPanel project={p.code} /> : null}
          {p && tab === 'trash' ? <TrashPanel project={p.code} /> : null}
          {p && tab === 'permissions' ? <PermissionsPanel project={p.code} /> : null}
        </div>
      </Tabs.Root>
    </>
  );
}
