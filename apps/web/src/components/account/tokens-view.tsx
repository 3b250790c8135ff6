'use client';
/** API tokens for scripts. The secret is shown once, right after creation. */
import {
  Badge,
  Button,
  Callout,
  Checkbox,
  Code,
  Dialog,
  Flex,
  Grid,
  Select,
  Switch,
  Table,
  Text,
  TextField,
} from '@radix-ui/themes';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Copy, KeyRound, Plus } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';

import { DialogButtons } from '~/components/ui/dialog-buttons';
import { Field } from '~/components/ui/field';
import { PageHeader } from '~/components/ui/page-header';
import { EmptyState, ErrorState, TableSkeleton } from '~/components/ui/states';
import { useFormErrors } from '~/components/ui/use-form-errors';
import { useTRPC } from '~/trpc/react';

const EXPIRY = { '30': 30, '90': 90, '365': 365, never: null } as const;

export function TokensView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.auth.me.queryOptions());
  const canManage = me.data?.permissions.includes('api-token:manage') ?? false;
  const [all, setAll] = useState(false);
  const [creating, setCreating] = useState(false);
  const tokens = useQuery(trpc.apiToken.list.queryOptions({ all }));
  const revoke = useMutation(
    trpc.apiToken.revoke.mutationOptions({
      onSuccess: () => {
        toast.success('Token revoked');
        void queryClient.invalidateQueries({ queryKey: trpc.apiToken.list.queryKey() });
      },
      onError: (e) => toast.error(e.message),
    }),
  );
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Bearer tokens for scripts and other services. A token never exceeds your own permissions."
        actions={
          <Button onClick={() => setCreating(true)}>
            <Plus size={16} /> New token
          </Button>
        }
      />
      {canManage ? (
        <Text as="label" size="2" mb="3" style={{ display: 'block' }}>
          <Flex gap="2" align="center">
            <Switch checked={all} onCheckedChange={setAll} /> Show every user’s tokens
          </Flex>
        </Text>
      ) : null}
      {tokens.error ? (
        <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : null}
      {tokens.data?.length === 0 ? (
        <EmptyState title="No API tokens yet" hint="Create one to call the API from a script." />
      ) : (
        <Table.Root variant="surface">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>Name</Table.ColumnHeaderCell>
              {all ? <Table.ColumnHeaderCell>Owner</Table.ColumnHeaderCell> : null}
              <Table.ColumnHeaderCell>Scopes</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Expires</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Last used</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell />
            </Table.Row>
          </Table.Header>
          {tokens.isPending ? (
            <TableSkeleton columns={5} />
          ) : (
            <Table.Body>
              {tokens.data?.map((t) => (
                <Table.Row key={t.id}>
                  <Table.RowHeaderCell>
                    <Flex gap="2" align="center">
                      <KeyRound size={14} />
                      {t.name}
                    </Flex>
                    <Code variant="ghost" size="1">
                      {t.id}
                    </Code>
                  </Table.RowHeaderCell>
                  {all ? <Table.Cell>{t.user.email}</Table.Cell> : null}
                  <Table.Cell>
                    <Flex gap="1" wrap="wrap">
                      {t.scopes.map((s) => (
                        <Badge key={s} variant="soft">
                          {s}
                        </Badge>
                      ))}
                    </Flex>
                  </Table.Cell>
                  <Table.Cell>
                    {t.revokedAt ? (
                      <Badge color="red">revoked</Badge>
                    ) : t.expiresAt ? (
                      t.expiresAt.toLocaleDateString()
                    ) : (
                      'never'
                    )}
                  </Table.Cell>
                  <Table.Cell>
                    {t.lastUsedAt ? t.lastUsedAt.toLocaleString() : <Text color="gray">never</Text>}
                  </Table.Cell>
                  <Table.Cell align="right">
                    {!t.revokedAt ? (
                      <Button
                        size="1"
                        color="red"
                        variant="soft"
                        loading={revoke.isPending && revoke.variables?.id === t.id}
                        onClick={() => revoke.mutate({ id: t.id })}
                      >
                        Revoke
                      </Button>
                    ) : null}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          )}
        </Table.Root>
      )}
      {creating ? (
        <CreateTokenDialog
          permissions={me.data?.permissions ?? []}
          onClose={() => setCreating(false)}
        />
      ) : null}
    </>
  );
}

function CreateTokenDialog({
  permissions,
  onClose,
}: {
  permissions: string[];
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { fieldErrors, onError } = useFormErrors();
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState<keyof typeof EXPIRY>('90');
  const [scopes, setScopes] = useState<string[]>([]);
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation(
    trpc.apiToken.create.mutationOptions({
      onSuccess: (r) => {
        setCreated(r.token);
        void queryClient.invalidateQueries({ queryKey: trpc.apiToken.list.queryKey() });
      },
      onError,
    }),
  );
  const days = EXPIRY[expiry];
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Content maxWidth="560px">
        <Dialog.Title>New API token</Dialog.Title>
        {created ? (
          <Flex direction="column" gap="3">
            <Callout.Root color="green">
              <Callout.Text>Copy the token now. It will not be shown again.</Callout.Text>
            </Callout.Root>
            <Code size="2" data-testid="new-token" style={{ wordBreak: 'break-all' }}>
              {created}
            </Code>
            <Flex justify="end" gap="2">
              <Button
                variant="soft"
                onClick={() =>
                  void navigator.clipboard?.writeText(created).then(() => toast.success('Copied'))
                }
              >
                <Copy size={14} /> Copy
              </Button>
              <Dialog.Close>
                <Button>Done</Button>
              </Dialog.Close>
            </Flex>
          </Flex>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate({
                name,
                scopes,
                expiresAt: days ? new Date(Date.now() + days * 86_400_000) : null,
              });
            }}
          >
            <Flex direction="column" gap="3">
              <Field label="Name" error={fieldErrors.name}>
                <TextField.Root
                  required
                  placeholder="Nightly export"
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                />
              </Field>
              <Field label="Expires" error={fieldErrors.expiresAt}>
                <Select.Root
                  value={expiry}
                  onValueChange={(v) => setExpiry(v as keyof typeof EXPIRY)}
                >
                  <Select.Trigger />
                  <Select.Content>
                    <Select.Item value="30">In 30 days</Select.Item>
                    <Select.Item value="90">In 90 days</Select.Item>
                    <Select.Item value="365">In a year</Select.Item>
                    <Select.Item value="never">Never</Select.Item>
                  </Select.Content>
                </Select.Root>
              </Field>
              <Text size="2" weight="medium">
                Scopes
              </Text>
              <Grid columns="2" gap="1" style={{ maxHeight: 240, overflowY: 'auto' }}>
                {permissions.map((p) => (
                  <Text as="label" size="2" key={p}>
                    <Flex gap="2" align="center">
                      <Checkbox
                        checked={scopes.includes(p)}
                        onCheckedChange={(c) =>
                          setScopes(c ? [...scopes, p] : scopes.filter((s) => s !== p))
                        }
                      />
                      {p}
                    </Flex>
                  </Text>
                ))}
              </Grid>
              {fieldErrors.scopes ? (
                <Text size="1" color="red">
                  {fieldErrors.scopes}
                </Text>
              ) : null}
              <Flex justify="end" gap="3">
                <DialogButtons pending={create.isPending} disabled={!scopes.length}>
                  Create token
                </DialogButtons>
              </Flex>
            </Flex>
          </form>
        )}
      </Dialog.Content>
    </Dialog.Root>
  );
}
