'use client';
/**
 * The monitoring panel: health of the console and of every runtime, live charts of the
 * runtimes' traffic, errors, latency and database pools together, and their most recent slow
 * requests.
 */
import { Badge, Card, Code, Flex, Grid, Heading, Link, Table, Text } from '@radix-ui/themes';
import NextLink from 'next/link';
import type { ReactNode } from 'react';

import { PageHeader } from '~/components/ui/page-header';
import { EmptyState } from '~/components/ui/states';

import { MetricChart } from './metric-chart';
import { type Health, POLL_MS, useMonitoring } from './use-monitoring';
import type { Fleet } from '@tessera/runtime-core/monitoring';

const STATUS_COLOR = { healthy: 'green', degraded: 'amber', unhealthy: 'red' } as const;

function uptime(seconds: number) {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return d ? `${d}d ${h}h` : h ? `${h}h ${m}m` : `${m}m ${seconds % 60}s`;
}

function StatusBadge({ status }: { status: Health | Fleet | string | null }) {
  if (status === null) return <Badge color="gray">checking…</Badge>;
  if (typeof status === 'string') return <Badge color="red">{status}</Badge>;
  return <Badge color={STATUS_COLOR[status.status]}>{status.status}</Badge>;
}

const models = (versions: Record<string, number>) =>
  Object.entries(versions)
    .map(([project, version]) => `${project} v${version}`)
    .join(', ');

/** A service's card: its name and status, then what it reports (once it has). */
function HealthCard<T extends Health | Fleet>({
  name,
  status,
  children,
}: {
  name: string;
  status: T | string | null;
  children: (report: T) => ReactNode;
}) {
  return (
    <Card role="region" aria-label={`${name} health`}>
      <Flex justify="between" align="center" mb="2">
        <Heading size="3">{name}</Heading>
        <StatusBadge status={status} />
      </Flex>
      {status && typeof status !== 'string' ? children(status) : null}
    </Card>
  );
}

function ConsoleCard({ health }: { health: Health | string | null }) {
  return (
    <HealthCard name="Console" status={health}>
      {(h) => (
        <Text as="p" size="2" color="gray">
          Up {uptime(h.uptime)}
        </Text>
      )}
    </HealthCard>
  );
}

const INSTANCE_COLOR = { healthy: 'green', degraded: 'amber', 'not reporting': 'red' } as const;

function RuntimeCard({ fleet }: { fleet: Fleet | string | null }) {
  return (
    <HealthCard name="Runtime" status={fleet}>
      {({ instances }) => (
        <>
          <Text as="p" size="2" color="gray" mb="2">
            {instances.length === 0
              ? 'No runtime has reported. Runtimes report here every few seconds once started.'
              : `${instances.filter((i) => i.status !== 'not reporting').length} of ${instances.length} ${instances.length === 1 ? 'runtime' : 'runtimes'} reporting`}
          </Text>
          {instances.length ? (
            <Table.Root size="1">
              <Table.Body>
                {instances.map((i) => (
                  <Table.Row key={i.id}>
                    <Table.Cell>
                      <Code variant="ghost">{i.host}</Code>
                    </Table.Cell>
                    <Table.Cell>
                      <Badge color={INSTANCE_COLOR[i.status]}>{i.status}</Badge>
                    </Table.Cell>
                    <Table.Cell>
                      {i.uptimeSeconds === null || i.status === 'not reporting'
                        ? `last seen ${new Date(i.seenAt).toLocaleTimeString()}`
                        : `up ${uptime(i.uptimeSeconds)}`}
                    </Table.Cell>
                    <Table.Cell>{models(i.metadataVersion) || 'no model published'}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table.Root>
          ) : null}
        </>
      )}
    </HealthCard>
  );
}

export function MonitoringView() {
  const { web, fleet, points } = useMonitoring();
  const slow = fleet && typeof fleet !== 'string' ? fleet.slow : null;
  return (
    <>
      <PageHeader
        title="Monitoring"
        description={`Live from every runtime's reports, refreshed every ${POLL_MS / 1000} s.`}
      />
      <Grid columns={{ initial: '1', md: '2' }} gap="4" mb="4">
        <ConsoleCard health={web} />
        <RuntimeCard fleet={fleet} />
      </Grid>
      <Grid columns={{ initial: '1', md: '2' }} gap="4" mb="5">
        <MetricChart
          title="Requests per second"
          points={points}
          unit="req/s"
          series={[{ key: 'requestsPerSecond', name: 'Requests', color: 'var(--indigo-9)' }]}
        />
        <MetricChart
          title="Error rate"
          points={points}
          unit="%"
          format={(v) => (v * 100).toFixed(1)}
          least={0.05}
          series={[{ key: 'errorRate', name: '5xx share', color: 'var(--red-9)' }]}
        />
        <MetricChart
          title="Latency"
          points={points}
          unit="ms"
          series={[
            { key: 'p50Ms', name: 'p50', color: 'var(--teal-9)' },
            { key: 'p95Ms', name: 'p95', color: 'var(--amber-9)' },
          ]}
        />
        <MetricChart
          title="Database pool"
          points={points}
          unit="connections"
          series={[
            { key: 'poolInUse', name: 'In use', color: 'var(--indigo-9)' },
            { key: 'poolMax', name: 'Max', color: 'var(--gray-8)' },
            { key: 'poolWaiting', name: 'Waiting', color: 'var(--red-9)' },
          ]}
        />
      </Grid>
      <Heading size="4" mb="3">
        Slow requests
      </Heading>
      {typeof fleet === 'string' ? (
        <Text color="red">{fleet}</Text>
      ) : !slow?.length ? (
        <EmptyState
          title="No slow requests"
          hint="Requests slower than the threshold appear here."
        />
      ) : (
        <Table.Root variant="surface">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>When</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Runtime</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Request</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Status</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Duration</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Request id</Table.ColumnHeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {slow.map((r) => (
              <Table.Row key={`${r.requestId}-${r.at}`}>
                <Table.Cell>{new Date(r.at).toLocaleTimeString()}</Table.Cell>
                <Table.Cell>
                  <Code variant="ghost">{r.host}</Code>
                </Table.Cell>
                <Table.Cell>
                  <Code variant="ghost">
                    {r.method} {r.url}
                  </Code>
                </Table.Cell>
                <Table.Cell>{r.status}</Table.Cell>
                <Table.Cell>{Math.round(r.durationMs)} ms</Table.Cell>
                <Table.Cell>
                  <Link asChild size="2">
                    <NextLink href={`/admin/audit?requestId=${encodeURIComponent(r.requestId)}`}>
                      {r.requestId}
                    </NextLink>
                  </Link>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      )}
    </>
  );
}
