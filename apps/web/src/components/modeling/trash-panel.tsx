'use client';
/** Data moved aside by publishing: dropped fields' columns and dropped entities' tables. */
import { Badge, Button, Code, Table, Text } from '@radix-ui/themes';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';

import { EmptyState, ErrorState } from '~/components/ui/states';
import { describeError, useTRPC } from '~/trpc/react';

export function TrashPanel({ project }: { project: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const trash = useQuery(trpc.schema.trash.queryOptions({ project }));
  const restore = useMutation(
    trpc.schema.restore.mutationOptions({
      onSuccess: ({ summary, version }) => {
        toast.success(`${summary} (version ${version})`);
        void queryClient.invalidateQueries();
      },
      onError: (e) => toast.error(describeError(e).message),
    }),
  );
  if (trash.error) return <ErrorState error={trash.error} />;
  if (trash.data?.length === 0)
    return (
      <EmptyState
        title="The trash is empty"
        hint="Dropped fields and entities land here, with their data."
      />
    );
  return (
    <Table.Root variant="surface">
      <Table.Header>
        <Table.Row>
          <Table.ColumnHeaderCell>What</Table.ColumnHeaderCell>
          <Table.ColumnHeaderCell>Kept as</Table.ColumnHeaderCell>
          <Table.ColumnHeaderCell>Rows</Table.ColumnHeaderCell>
          <Table.ColumnHeaderCell>When</Table.ColumnHeaderCell>
          <Table.ColumnHeaderCell />
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {trash.data?.map((t) => (
          <Table.Row key={t.id}>
            <Table.Cell>
              <Badge variant="soft">{t.kind === 'column' ? 'field' : 'entity'}</Badge>{' '}
              {t.columnName ? `${t.tableName}.${t.columnName}` : t.tableName}
            </Table.Cell>
            <Table.Cell>
              <Code variant="ghost">{t.trashName}</Code>
            </Table.Cell>
            <Table.Cell>{t.rows}</Table.Cell>
            <Table.Cell>
              <Text size="2">
                {t.createdAt.toLocaleString()} (v{t.version})
              </Text>
            </Table.Cell>
            <Table.Cell align="right">
              {t.restoredAt ? (
                <Text size="1" color="gray">
                  restored
                </Text>
              ) : (
                <Button
                  size="1"
                  variant="soft"
                  loading={restore.isPending && restore.variables?.id === t.id}
                  onClick={() => restore.mutate({ project, id: t.id })}
                >
                  Restore
                </Button>
              )}
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table.Root>
  );
}
