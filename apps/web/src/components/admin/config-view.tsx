'use client';
/** Typed system configuration. */
import {
  Badge,
  Button,
  Code,
  Dialog,
  Flex,
  Select,
  Table,
  TextArea,
  TextField,
} from '@radix-ui/themes';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';

import { DialogButtons } from '~/components/ui/dialog-buttons';
import { Field } from '~/components/ui/field';
import { PageHeader } from '~/components/ui/page-header';
import { EmptyState, ErrorState, TableSkeleton } from '~/components/ui/states';
import { useFormErrors } from '~/components/ui/use-form-errors';
import { useTRPC } from '~/trpc/react';

type ConfigType = 'string' | 'number' | 'boolean' | 'json';
interface ConfigRow {
  key: string;
  type: ConfigType;
  value: unknown;
  description: string;
}

export function ConfigView() {
  const trpc = useTRPC();
  const config = useQuery(trpc.config.list.queryOptions());
  const [editing, setEditing] = useState<ConfigRow | 'new' | null>(null);
  return (
    <>
      <PageHeader
        title="Configuration"
        description="Platform settings. Each key keeps the type it was created with."
        actions={
          <Button onClick={() => setEditing('new')}>
            <Plus size={16} /> New key
          </Button>
        }
      />
      {config.error ? (
        <ErrorState error={config.error} onRetry={() => void config.refetch()} />
      ) : null}
      {config.data?.length === 0 ? (
        <EmptyState title="No configuration yet" />
      ) : (
        <Table.Root variant="surface">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>Key</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Type</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Value</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Description</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell />
            </Table.Row>
          </Table.Header>
          {config.isPending ? (
            <TableSkeleton columns={5} />
          ) : (
            <Table.Body>
              {config.data?.map((c) => (
                <Table.Row key={c.key}>
                  <Table.RowHeaderCell>
                    <Code>{c.key}</Code>
                  </Table.RowHeaderCell>
                  <Table.Cell>
                    <Badge variant="soft">{c.type}</Badge>
                  </Table.Cell>
                  <Table.Cell>
                    <Code variant="ghost">{JSON.stringify(c.value)}</Code>
                  </Table.Cell>
                  <Table.Cell>{c.description}</Table.Cell>
                  <Table.Cell align="right">
                    <Button size="1" variant="soft" onClick={() => setEditing(c)}>
                      Edit
                    </Button>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          )}
        </Table.Root>
      )}
      {editing ? (
        <ConfigDialog row={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}

function parseValue(type: ConfigType, text: string): { value?: unknown; error?: string } {
  switch (type) {
    case 'string':
      return { value: text };
    case 'number':
      return text.trim() !== '' && Number.isFinite(Number(text))
        ? { value: Number(text) }
        : { error: 'Enter a number' };
    case 'boolean':
      return text === 'true' || text === 'false'
        ? { value: text === 'true' }
        : { error: 'Enter true or false' };
    case 'json':
      try {
        return { value: JSON.parse(text) };
      } catch {
        return { error: 'Enter valid JSON' };
      }
  }
}

function ConfigDialog({ row, onClose }: { row: ConfigRow | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { fieldErrors, onError } = useFormErrors();
  const [key, setKey] = useState(row?.key ?? '');
  const [type, setType] = useState<ConfigType>(row?.type ?? 'string');
  const [text, setText] = useState(
    row ? (row.type === 'string' ? String(row.value) : JSON.stringify(row.value, null, 2)) : '',
  );
  const [description, setDescription] = useState(row?.description ?? '');
  const parsed = parseValue(type, text);
  const done = (message: string) => {
    void queryClient.invalidateQueries({ queryKey: trpc.config.list.queryKey() });
    toast.success(message);
    onClose();
  };
  const save = useMutation(
    trpc.config.set.mutationOptions({ onSuccess: () => done('Saved'), onError }),
  );
  const remove = useMutation(
    trpc.config.delete.mutationOptions({ onSuccess: () => done('Deleted'), onError }),
  );
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Content maxWidth="520px">
        <Dialog.Title>{row ? `Edit ${row.key}` : 'New configuration key'}</Dialog.Title>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!parsed.error)
              save.mutate({ key, type, value: parsed.value as never, description });
          }}
        >
          <Flex direction="column" gap="3">
            <Field label="Key" error={fieldErrors.key}>
              <TextField.Root
                required
                disabled={!!row}
                value={key}
                onChange={(e) => setKey(e.target.value)}
              />
            </Field>
            <Field label="Type" error={fieldErrors.type}>
              <Select.Root
                value={type}
                onValueChange={(v) => setType(v as ConfigType)}
                disabled={!!row}
              >
                <Select.Trigger />
                <Select.Content>
                  {(['string', 'number', 'boolean', 'json'] as const).map((t) => (
                    <Select.Item key={t} value={t}>
                      {t}
                    </Select.Item>
                  ))}
                </Select.Content>
              </Select.Root>
            </Field>
            <Field label="Value" error={fieldErrors.value ?? (text ? parsed.error : undefined)}>
              <TextArea
                value={text}
                onChange={(e) => setText(e.target.value)}
                rows={type === 'json' ? 6 : 2}
                style={{ fontFamily: 'var(--code-font-family)' }}
              />
            </Field>
            <Field label="Description">
              <TextField.Root
                value={description}
                onChange={(e) => setDescription(e.target.value)}
              />
            </Field>
            <Flex gap="3" justify="between" mt="2">
              {row ? (
                <Button
                  type="button"
                  color="red"
                  variant="soft"
                  loading={remove.isPending}
                  onClick={() => remove.mutate({ key: row.key })}
                >
                  Delete
                </Button>
              ) : (
                <span />
              )}
              <Flex gap="3">
                <DialogButtons disabled={!!parsed.error} pending={save.isPending}>
                  Save
                </DialogButtons>
              </Flex>
            </Flex>
          </Flex>
        </form>
      </Dialog.Content>
    </Dialog.Root>
  );
}
