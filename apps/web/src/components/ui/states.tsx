'use client';
/** Loading, empty and error states shared by every data view. */
import { Button, Callout, Card, Flex, Skeleton, Table, Text } from '@radix-ui/themes';
import { CircleAlert, Inbox } from 'lucide-react';
import type { ReactNode } from 'react';

import { describeError } from '~/trpc/react';

export function TableSkeleton({ columns, rows = 5 }: { columns: number; rows?: number }) {
  return (
    <Table.Body aria-busy="true">
      {Array.from({ length: rows }, (_, r) => (
        <Table.Row key={r}>
          {Array.from({ length: columns }, (_, c) => (
            <Table.Cell key={c}>
              <Skeleton height="16px" width={c === 0 ? '70%' : '50%'} />
            </Table.Cell>
          ))}
        </Table.Row>
      ))}
    </Table.Body>
  );
}

export function EmptyState({
  title,
  hint,
  action,
}: {
  title: string;
  hint?: string;
  action?: ReactNode;
}) {
  return (
    <Card variant="surface" data-testid="empty-state">
      <Flex direction="column" align="center" gap="2" py="6">
        <Inbox size={32} color="var(--gray-9)" />
        <Text weight="medium">{title}</Text>
        {hint ? (
          <Text size="2" color="gray">
            {hint}
          </Text>
        ) : null}
        {action}
      </Flex>
    </Card>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Callout.Root color="red" role="alert">
      <Callout.Icon>
        <CircleAlert size={16} />
      </Callout.Icon>
      <Callout.Text>
        {describeError(error).message}{' '}
        {onRetry ? (
          <Button size="1" variant="soft" color="red" onClick={onRetry} ml="2">
            Try again
          </Button>
        ) : null}
      </Callout.Text>
    </Callout.Root>
  );
}
