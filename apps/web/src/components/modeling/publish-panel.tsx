'use client';
/** The plan preview: every step with its SQL, risk and row counts; risky steps need a tick. */
import { Badge, Button, Callout, Checkbox, Code, Flex, Table, Text } from '@radix-ui/themes';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ChevronDown, ChevronRight, Rocket } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';

import { EmptyState, ErrorState } from '~/components/ui/states';
import { describeError, useTRPC } from '~/trpc/react';

const RISK_COLOR = { safe: 'green', 'needs-confirmation': 'amber', blocked: 'red' } as const;

export function PublishPanel({ project }: { project: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const plan = useQuery({ ...trpc.schema.plan.queryOptions({ project }), staleTime: 0 });
  const [confirmed, setConfirmed] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<Set<string>>(new Set());
  const publish = useMutation(
    trpc.schema.publish.mutationOptions({
      onSuccess: ({ version }) => {
        toast.success(`Published version ${version}`);
        setConfirmed(new Set());
        void queryClient.invalidateQueries();
      },
      onError: (e) => toast.error(describeError(e).message),
    }),
  );
  if (plan.error) return <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />;
  if (plan.isPending) return <Text color="gray">Comparing the draft with the database…</Text>;
  const steps = plan.data.steps;
  if (steps.length === 0)
    return <EmptyState title="Nothing to publish" hint="The database matches the model." />;
  const needs = steps.filter(
    (s) => s.risk === 'needs-confirmation' || (s.risk === 'blocked' && s.conversion),
  );
  const hardBlocked = steps.filter((s) => s.risk === 'blocked' && !s.conversion);
  const ready = hardBlocked.length === 0 && needs.every((s) => confirmed.has(s.id));
  const toggle = (set: Set<string>, id: string) => {
    const next = new Set(set);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  };
  return (
    <Flex direction="column" gap="3">
      {hardBlocked.length ? (
        <Callout.Root color="red">
          <Callout.Text>
            {hardBlocked.length} step(s) are blocked. Change the draft to resolve them.
          </Callout.Text>
        </Callout.Root>
      ) : null}
      <Table.Root variant="surface" data-testid="plan">
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeaderCell width="24px" />
            <Table.ColumnHeaderCell>Step</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>Risk</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>Rows</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>Confirm</Table.ColumnHeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {steps.map((step) => (
            <PlanRow
              key={step.id}
              step={step}
              open={open.has(step.id)}
              onToggle={() => setOpen(toggle(open, step.id))}
              confirmed={confirmed.has(step.id)}
              onConfirm={() => setConfirmed(toggle(confirmed, step.id))}
            />
          ))}
        </Table.Body>
      </Table.Root>
      <Flex justify="end" gap="3" align="center">
        <Text size="2" color="gray">
          {steps.length} step(s) run in one transaction; a busy table stops the publish cleanly.
        </Text>
        <Button
          size="3"
          disabled={!ready}
          loading={publish.isPending}
          onClick={() => publish.mutate({ project, confirm: [...confirmed] })}
        >
          <Rocket size={16} /> Publish
        </Button>
      </Flex>
    </Flex>
  );
}

interface Step {
  id: string;
  summary: string;
  risk: 'safe' | 'needs-confirmation' | 'blocked';
  rows?: number;
  reason?: string;
  sql: string[];
  conversion?: { summary: string; sql: string[] };
}

function PlanRow({
  step,
  open,
  onToggle,
  confirmed,
  onConfirm,
}: {
  step: Step;
  open: boolean;
  onToggle: () => void;
  confirmed: boolean;
  onConfirm: () => void;
}) {
  const confirmable =
    step.risk === 'needs-confirmation' || (step.risk === 'blocked' && !!step.conversion);
  return (
    <>
      <Table.Row data-testid="plan-step">
        <Table.Cell>
          <button
            type="button"
            aria-label="Show SQL"
            onClick={onToggle}
            style={{ all: 'unset', cursor: 'pointer' }}
          >
            {open ? <ChevronDown size={14} /> : <ChevronRight size={14} />}
          </button>
        </Table.Cell>
        <Table.Cell>
          <Text size="2">{step.summary}</Text>
          {step.reason ? (
            <Text as="div" size="1" color={step.risk === 'blocked' ? 'red' : 'amber'}>
              {step.reason}
            </Text>
          ) : null}
          {step.conversion ? (
            <Text as="div" size="1" color="gray">
              Confirming: {step.conversion.summary}
            </Text>
          ) : null}
        </Table.Cell>
        <Table.Cell>
          <Badge color={RISK_COLOR[step.risk]}>{step.risk}</Badge>
        </Table.Cell>
        <Table.Cell>{step.rows ?? '—'}</Table.Cell>
        <Table.Cell>
          {confirmable ? (
            <Checkbox
              checked={confirmed}
              onCheckedChange={onConfirm}
              aria-label={`Confirm: ${step.summary}`}
            />
          ) : null}
        </Table.Cell>
      </Table.Row>
      {open ? (
        <Table.Row>
          <Table.Cell colSpan={5}>
            <pre className="json-diff">
              <Code variant="ghost">
                {(confirmed && step.conversion ? step.conversion.sql : step.sql).join(';\n')};
              </Code>
            </pre>
          </Table.Cell>
        </Table.Row>
      ) : null}
    </>
  );
}
