'use client';
/** One entry of the audit log: who did what to which resource, and its before/after diff. */
import { Badge, Box, Button, Code, Table, Text } from '@radix-ui/themes';
import { ChevronDown, ChevronRight } from 'lucide-react';

import { jsonDiff } from '~/lib/json-diff';

const ACTION_COLORS: Record<string, 'green' | 'red' | 'amber' | 'blue' | 'gray'> = {
  create: 'green',
  delete: 'red',
  disable: 'red',
  revoke: 'red',
  login_failed: 'amber',
  login: 'blue',
  logout: 'gray',
};

function actionColor(action: string) {
  const verb = action.split('.').pop() ?? '';
  return ACTION_COLORS[verb] ?? 'indigo';
}

interface Entry {
  id: string;
  at: Date;
  actorEmail: string | null;
  action: string;
  resource: string;
  resourceId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ipAddress: string | null;
}

export function AuditRow({
  entry,
  open,
  onToggle,
  onRequest,
}: {
  entry: Entry;
  open: boolean;
  onToggle: () => void;
  onRequest: (id: string) => void;
}) {
  const diff = jsonDiff(entry.before, entry.after);
  return (
    <>
      <Table.Row data-testid="audit-row">
        <Table.Cell>
          {diff.length ? (
            <button
              type="button"
              onClick={onToggle}
              aria-label="Show changes"
              style={{ all: 'unset', cursor: 'pointer' }}
            >
              {open ? <ChevronDown size={14} /> : <ChevronRight size={14} />}
            </button>
          ) : null}
        </Table.Cell>
        <Table.Cell>
          <Text size="2">{entry.at.toLocaleString()}</Text>
        </Table.Cell>
        <Table.Cell>
          <Text size="2">{entry.actorEmail ?? 'system'}</Text>
          {entry.ipAddress ? (
            <Text as="div" size="1" color="gray">
              {entry.ipAddress}
            </Text>
          ) : null}
        </Table.Cell>
        <Table.Cell>
          <Badge color={actionColor(entry.action)}>{entry.action}</Badge>
        </Table.Cell>
        <Table.Cell>
          <Text size="2">{entry.resource}</Text>
          {entry.resourceId ? (
            <Text as="div" size="1" color="gray">
              {entry.resourceId}
            </Text>
          ) : null}
        </Table.Cell>
        <Table.Cell>
          {entry.requestId ? (
            <Button
              size="1"
              variant="ghost"
              onClick={() => onRequest(entry.requestId!)}
              title="Show every entry of this request"
            >
              <Code variant="ghost">{entry.requestId.slice(0, 8)}</Code>
            </Button>
          ) : null}
        </Table.Cell>
      </Table.Row>
      {open ? (
        <Table.Row>
          <Table.Cell colSpan={6}>
            <Box p="2">
              <Table.Root size="1" variant="ghost">
                <Table.Header>
                  <Table.Row>
                    <Table.ColumnHeaderCell>Field</Table.ColumnHeaderCell>
                    <Table.ColumnHeaderCell>Before</Table.ColumnHeaderCell>
                    <Table.ColumnHeaderCell>After</Table.ColumnHeaderCell>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {diff.map((d) => (
                    <Table.Row
                      key={d.path}
                      style={{
                        background:
                          d.kind === 'same'
                            ? undefined
                            : d.kind === 'removed'
                              ? 'var(--red-a2)'
                              : d.kind === 'added'
                                ? 'var(--green-a2)'
                                : 'var(--amber-a2)',
                      }}
                    >
                      <Table.Cell>
                        <Code variant="ghost">{d.path}</Code>
                      </Table.Cell>
                      <Table.Cell>
                        <pre className="json-diff">
                          {d.before === undefined ? '' : JSON.stringify(d.before, null, 1)}
                        </pre>
                      </Table.Cell>
                      <Table.Cell>
                        <pre className="json-diff">
                          {d.after === undefined ? '' : JSON.stringify(d.after, null, 1)}
                        </pre>
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table.Root>
            </Box>
          </Table.Cell>
        </Table.Row>
      ) : null}
    </>
  );
}
