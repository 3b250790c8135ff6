'use client';
/** Published versions, newest first, each with what changed since the one before. */
import { Badge, Button, Card, Flex, Text } from '@radix-ui/themes';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';

import { EmptyState, ErrorState } from '~/components/ui/states';
import { describeError, useTRPC } from '~/trpc/react';

const KIND_COLOR = { added: 'green', removed: 'red', renamed: 'blue', changed: 'amber' } as const;

export function VersionsPanel({ project }: { project: string }) {
  const trpc = useTRPC();
  const versions = useQuery(trpc.schema.versions.queryOptions({ project }));
  const [open, setOpen] = useState<number | null>(null);
  if (versions.error) return <ErrorState error={versions.error} />;
  if (versions.data?.length === 0) return <EmptyState title="Nothing published yet" />;
  return (
    <Flex direction="column" gap="2">
      {versions.data?.map((v) => (
        <Card key={v.version}>
          <Flex justify="between" align="center">
            <Flex gap="3" align="center">
              <Badge size="2">v{v.version}</Badge>
              <Text size="2">{v.publishedAt.toLocaleString()}</Text>
              <Text size="1" color="gray">
                {(v.plan as { steps?: unknown[] }).steps?.length ?? 0} step(s)
              </Text>
            </Flex>
            <Flex gap="2">
              <Button
                size="1"
                variant="soft"
                onClick={() => setOpen(open === v.version ? null : v.version)}
              >
                {open === v.version ? 'Hide changes' : 'Changes'}
              </Button>
              <RollbackButton project={project} version={v.version} />
            </Flex>
          </Flex>
          {open === v.version ? <VersionDiff project={project} version={v.version} /> : null}
        </Card>
      ))}
    </Flex>
  );
}

function VersionDiff({ project, version }: { project: string; version: number }) {
  const trpc = useTRPC();
  const diff = useQuery(
    trpc.schema.diff.queryOptions(
      version === 1 ? { project, from: 1, to: 1 } : { project, from: version - 1, to: version },
    ),
  );
  const versionOne = useQuery({
    ...trpc.schema.export.queryOptions({ project, format: 'yaml', version }),
    enabled: version === 1,
  });
  if (version === 1)
    return (
      <pre className="json-diff" style={{ marginTop: 12 }}>
        {versionOne.data?.text}
      </pre>
    );
  return (
    <Flex direction="column" gap="1" mt="3">
      {diff.data?.length === 0 ? (
        <Text size="2" color="gray">
          No model changes.
        </Text>
      ) : null}
      {diff.data?.map((c, i) => (
        <Flex key={i} gap="2" align="center">
          <Badge color={KIND_COLOR[c.kind]}>{c.kind}</Badge>
          <Text size="2">{c.summary}</Text>
        </Flex>
      ))}
    </Flex>
  );
}

function RollbackButton({ project, version }: { project: string; version: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const rollback = useMutation(
    trpc.schema.rollback.mutationOptions({
      onSuccess: () => {
        toast.success(`The draft is now version ${version}; review the plan`);
        void queryClient.invalidateQueries();
        router.replace(`/modeling/${project}?tab=publish`);
      },
      onError: (e) => toast.error(describeError(e).message),
    }),
  );
  return (
    <Button
      size="1"
      variant="soft"
      color="gray"
      loading={rollback.isPending}
      onClick={() => rollback.mutate({ project, toVersion: version })}
    >
      Roll back to this
    </Button>
  );
}
