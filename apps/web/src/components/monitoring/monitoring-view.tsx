'use client';
/**
 * The monitoring panel: health of the console and the runtime, live charts of the runtime's
 * traffic, errors, latency and database pool, and its most recent slow requests.
 */
import { Badge, Card, Code, Flex, Grid, Heading, Link, Table, Text } from '@radix-ui/themes';
import NextLink from 'next/link';

import { PageHeader } from '~/components/ui/page-header';
import { EmptyState } from '~/components/ui/states';

import { MetricChart } from './metric-chart';
import { type Health, POLL_MS, useMonitoring } from './use-monitoring';

const STATUS_COLOR = { healthy: 'green', degraded: 'amber', unhealthy: 'red' } as const;

function uptime(seconds: number) {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return d ? `${d}d ${h}h` : h ? `${h}h ${m}m` : `${m}m ${seconds % 60}s`;
}

function HealthCard({ name, health }: { name: string; health: Health | string | null }) {
  return (
    <Card role="region" aria-label={`${name} health`}>
      <Flex justify="between" align="center" mb="2">
        <Heading size="3">{name}</Heading>
        {health === null ? (
          <Badge color="gray">checking…</Badge>
        ) : typeof health === 'string' ? (
          <Badge color="red">{health}</Badge>
        ) : (
          <Badge color={STATUS_COLOR[health.status]}>{health.status}</Badge>
        )}
      </Flex>
      {health && typeof health !== 'string' ? (
        <Text as="p" size="2" color="gray">
          Up {uptime(health.uptime)}
          {health.metadataVersion
            ? ` · model ${Object.entries(health.metadataVersion)
                .map(([project, version]) => `${project} v${version}`)
                .join(', ')}`
            : ''}
        </Text>
      ) : null}
    </Card>
  );
}

export function MonitoringView({ runtimeUrl }: { runtimeUrl: string | null }) {
  const { web, runtime, points, slow } = useMonitoring(runtimeUrl);
  return (
    <>
      <PageHeader
        title="Monitoring"
        description={`Live from the runtime's metrics, refreshed every ${POLL_MS / 1000} s.`}
      />
      <Grid columns={{ initial: '1', md: '2' }} gap="4" mb="4">
        <HealthCard name="Console" health={web} />
        <HealthCard name="Runtime" health={runtime} />
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
      {typeof slow === 'string' ? (
        <Text color="red">{slow}</Text>
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
