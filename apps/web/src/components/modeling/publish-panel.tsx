'use client';
/** The plan preview: every step with its SQL, risk and row counts; risky steps need a tick. */
import {
  Badge,
  Button,
  Callout,
  Checkbox,
  Code,
  Flex,
  Progress,
  Table,
  Text,
} from '@radix-ui/themes';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ChevronDown, ChevronRight, Rocket } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';

import { EmptyState, ErrorState } from '~/components/ui/states';
import { describeError, useTRPC, useTRPCClient } from '~/trpc/react';

const RISK_COLOR = { safe: 'green', 'needs-confirmation': 'amber', blocked: 'red' } as const;

interface Step {
  id: string;
  summary: string;
  risk: 'safe' | 'needs-confirmation' | 'blocked';
  rows?: number;
  reason?: string;
  sql: string[];
  conversion?: { summary: string; sql: string[] };
}

function toggled(set: Set<string>, id: string): Set<string> {
  const next = new Set(set);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

export function PublishPanel({ project }: { project: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const plan = useQuery({ ...trpc.schema.plan.queryOptions({ project }), staleTime: 0 });
  const [confirmed, setConfirmed] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [progress, setProgress] = useState<{
    index: number;
    total: number;
    summary: string;
  } | null>(null);

  // Publishing streams one event per step, so a long publish shows where it is.
  const publish = (total: number) => {
    setProgress({ index: 0, total, summary: 'Starting…' });
    const subscription = client.schema.publishWithProgress.subscribe(
      { project, confirm: [...confirmed] },
      {
        onData: (event) => {
          if (event.type === 'step') {
            setProgress(event);
            return;
          }
          subscription.unsubscribe();
          setProgress(null);
          if (event.type === 'done') {
            toast.success(`Published version ${event.version}`);
            setConfirmed(new Set());
          } else toast.error(event.message);
          void queryClient.invalidateQueries();
        },
        onError: (error) => {
          setProgress(null);
          toast.error(describeError(error).message);
        },
      },
    );
  };

  if (plan.error) return <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />;
  if (plan.isPending) return <Text color="gray">Comparing the draft with the database…</Text>;
  const steps = plan.data.steps;
  if (steps.length === 0 && plan.data.unpublishedChanges === 0)
    return <EmptyState title="Nothing to publish" hint="The database matches the model." />;
  const needs = steps.filter(
    (s) => s.risk === 'needs-confirmation' || (s.risk === 'blocked' && s.conversion),
  );
  const hardBlocked = steps.filter((s) => s.risk === 'blocked' && !s.conversion);
  const ready = hardBlocked.length === 0 && needs.every((s) => confirmed.has(s.id));
  return (
    <Flex direction="column" gap="3">
      {plan.data.regenerate.length ? (
        <Callout.Root color="amber" role="status" aria-label="Regenerate the service">
          <Callout.Text>
            {plan.data.regenerate.join(', ')} {plan.data.regenerate.length === 1 ? 'is' : 'are'}{' '}
            served by the project&apos;s ejected service: after publishing, regenerate it (Code
            generation, or <Code>tessera eject {project}</Code>) and deploy it.
          </Callout.Text>
        </Callout.Root>
      ) : null}
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
              onToggle={() => setOpen(toggled(open, step.id))}
              confirmed={confirmed.has(step.id)}
              onConfirm={() => setConfirmed(toggled(confirmed, step.id))}
            />
          ))}
        </Table.Body>
      </Table.Root>
      {progress ? (
        <Flex direction="column" gap="1" data-testid="publish-progress">
          <Progress
            value={Math.round(((progress.index + 1) / Math.max(progress.total, 1)) * 100)}
          />
          <Text size="1" color="gray">
            Step {progress.index + 1} of {progress.total}: {progress.summary}
          </Text>
        </Flex>
      ) : null}
      <Flex justify="end" gap="3" align="center">
        <Text size="2" color="gray">
          {steps.length} step(s) run in one transaction; a busy table stops the publish cleanly.
        </Text>
        <Button
          size="3"
          disabled={!ready}
          loading={progress !== null}
          onClick={() => publish(steps.length)}
        >
          <Rocket size={16} /> Publish
        </Button>
      </Flex>
    </Flex>
  );
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
