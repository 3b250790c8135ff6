'use client';
/** The project's generations: who, when, which model and template versions, what changed. */
import { Badge, Button, Flex, Table, Text } from '@radix-ui/themes';
import { Download } from 'lucide-react';

import { EmptyState } from '~/components/ui/states';

import { countsText, TARGET_LABEL } from './labels';
import type { GenerationRun } from './types';

const STATUS_COLOR = { succeeded: 'green', failed: 'red', running: 'blue' } as const;

export function RunsTable({ runs }: { runs: GenerationRun[] }) {
  if (runs.length === 0) return <EmptyState title="No generations yet" />;
  return (
    <section aria-label="Generations">
      <Table.Root variant="surface">
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeaderCell>When</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>By</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>Model</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>Templates</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>What changed</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>Status</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {runs.map((run) => {
            const templates = Object.entries(run.templateVersions);
            return (
              <Table.Row key={run.id}>
                <Table.Cell>{run.createdAt.toLocaleString()}</Table.Cell>
                <Table.Cell>{run.by ?? '—'}</Table.Cell>
                <Table.Cell>v{run.modelVersion}</Table.Cell>
                <Table.Cell>
                  {templates.length === 0 ? (
                    <Text color="gray">built-in</Text>
                  ) : (
                    <Flex direction="column">
                      {templates.map(([name, version]) => (
                        <Text size="1" key={name}>
                          {name.split('/').slice(1).join('/')} v{version}
                        </Text>
                      ))}
                    </Flex>
                  )}
                </Table.Cell>
                <Table.Cell>
                  {run.status === 'failed' ? (
                    <Text size="1" color="red">
                      {run.error?.message}
                    </Text>
                  ) : (
                    <Flex direction="column">
                      {run.targets.map((target) => (
                        <Text size="1" key={target}>
                          {TARGET_LABEL[target]}: {countsText(run.summary?.[target])}
                        </Text>
                      ))}
                    </Flex>
                  )}
                </Table.Cell>
                <Table.Cell>
                  <Badge color={STATUS_COLOR[run.status]}>{run.status}</Badge>
                </Table.Cell>
                <Table.Cell>
                  {run.status === 'succeeded' ? (
                    <Button size="1" variant="soft" asChild>
                      <a href={`/api/codegen/runs/${run.id}/archive`} download>
                        <Download size={14} /> Download
                      </a>
                    </Button>
                  ) : null}
                </Table.Cell>
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table.Root>
    </section>
  );
}
