'use client';
/**
 * A filterable timeline of platform changes and data changes (rows written through the
 * runtime), with before/after diffs and request links.
 */
import { Button, Card, Flex, SegmentedControl, Table, Text, TextField } from '@radix-ui/themes';
import { useInfiniteQuery } from '@tanstack/react-query';
import { X } from 'lucide-react';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';

import { PageHeader } from '~/components/ui/page-header';
import { EmptyState, ErrorState } from '~/components/ui/states';
import { useTRPC } from '~/trpc/react';

import { AuditRow } from './audit-row';

interface Filters {
  actor: string;
  action: string;
  resource: string;
  requestId: string;
  kind: 'all' | 'platform' | 'data';
  from: string;
  to: string;
}
const EMPTY: Filters = {
  actor: '',
  action: '',
  resource: '',
  requestId: '',
  kind: 'all',
  from: '',
  to: '',
};

export function AuditView() {
  const trpc = useTRPC();
  // A link may name a request (from the monitoring panel's slow requests).
  const linked = { ...EMPTY, requestId: useSearchParams().get('requestId') ?? '' };
  const [draft, setDraft] = useState<Filters>(linked);
  const [filters, setFilters] = useState<Filters>(linked);
  const [open, setOpen] = useState<string | null>(null);
  const input = {
    actor: filters.actor || undefined,
    action: filters.action || undefined,
    resource: filters.resource || undefined,
    requestId: filters.requestId || undefined,
    kind: filters.kind === 'all' ? undefined : filters.kind,
    from: filters.from ? new Date(filters.from) : undefined,
    to: filters.to ? new Date(filters.to) : undefined,
    limit: 50,
  };
  const audit = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(input, {
      getNextPageParam: (last) => last.nextCursor ?? undefined,
      initialCursor: undefined,
    }),
  );
  const items = audit.data?.pages.flatMap((p) => p.items) ?? [];
  const apply = (next: Filters) => {
    setDraft(next);
    setFilters(next);
  };
  const set = (key: keyof Filters) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setDraft({ ...draft, [key]: e.target.value });

  return (
    <>
      <PageHeader title="Audit log" description="Who changed what, when, and from which request." />
      <Card mb="4">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setFilters(draft);
          }}
        >
          <Flex gap="2" wrap="wrap" align="end">
            <SegmentedControl.Root
              value={draft.kind}
              aria-label="Kind of change"
              onValueChange={(kind) => apply({ ...draft, kind: kind as Filters['kind'] })}
            >
              <SegmentedControl.Item value="all">All</SegmentedControl.Item>
              <SegmentedControl.Item value="platform">Platform</SegmentedControl.Item>
              <SegmentedControl.Item value="data">Data</SegmentedControl.Item>
            </SegmentedControl.Root>
            <TextField.Root
              placeholder="Actor email"
              value={draft.actor}
              onChange={set('actor')}
              aria-label="Actor"
            />
            <TextField.Root
              placeholder="Action, e.g. user."
              value={draft.action}
              onChange={set('action')}
              aria-label="Action"
            />
            <TextField.Root
              placeholder="Resource, e.g. role"
              value={draft.resource}
              onChange={set('resource')}
              aria-label="Resource"
            />
            <TextField.Root
              placeholder="Request id"
              value={draft.requestId}
              onChange={set('requestId')}
              aria-label="Request id"
            />
            <TextField.Root
              type="datetime-local"
              value={draft.from}
              onChange={set('from')}
              aria-label="From"
            />
            <TextField.Root
              type="datetime-local"
              value={draft.to}
              onChange={set('to')}
              aria-label="To"
            />
            <Button type="submit">Filter</Button>
            <Button type="button" variant="soft" color="gray" onClick={() => apply(EMPTY)}>
              <X size={14} /> Clear
            </Button>
          </Flex>
        </form>
      </Card>
      {audit.error ? <ErrorState error={audit.error} onRetry={() => void audit.refetch()} /> : null}
      {audit.isPending ? (
        <Text color="gray">Loading…</Text>
      ) : items.length === 0 ? (
        <EmptyState title="No entries match" hint="Change or clear the filters." />
      ) : (
        <Table.Root variant="surface">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell width="24px" />
              <Table.ColumnHeaderCell>When</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Who</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>What</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Resource</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Request</Table.ColumnHeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {items.map((e) => (
              <AuditRow
                key={e.id}
                entry={e}
                open={open === e.id}
                onToggle={() => setOpen(open === e.id ? null : e.id)}
                onRequest={(requestId) => apply({ ...EMPTY, requestId })}
              />
            ))}
          </Table.Body>
        </Table.Root>
      )}
      {audit.hasNextPage ? (
        <Flex justify="center" mt="3">
          <Button
            variant="soft"
            loading={audit.isFetchingNextPage}
            onClick={() => void audit.fetchNextPage()}
          >
            Load older entries
          </Button>
        </Flex>
      ) : null}
    </>
  );
}
