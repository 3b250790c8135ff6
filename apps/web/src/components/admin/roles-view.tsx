'use client';
/** Roles and their permissions, grouped by resource. */
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Dialog,
  Flex,
  Grid,
  Heading,
  Text,
  TextArea,
  TextField,
} from '@radix-ui/themes';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useMemo, useState } from 'react';
import { toast } from 'sonner';

import { DialogButtons } from '~/components/ui/dialog-buttons';
import { Field } from '~/components/ui/field';
import { PageHeader } from '~/components/ui/page-header';
import { ErrorState } from '~/components/ui/states';
import { useFormErrors } from '~/components/ui/use-form-errors';
import { useTRPC } from '~/trpc/react';

interface RoleRow {
  id: string;
  code: string;
  name: string;
  description: string;
  builtin: boolean;
  userCount: number;
  permissions: string[];
}

export function RolesView() {
  const trpc = useTRPC();
  const roles = useQuery(trpc.role.list.queryOptions());
  const [editing, setEditing] = useState<RoleRow | 'new' | null>(null);
  return (
    <>
      <PageHeader
        title="Roles & permissions"
        description="A role is a set of resource:action permissions. Users hold roles."
        actions={
          <Button onClick={() => setEditing('new')}>
            <Plus size={16} /> New role
          </Button>
        }
      />
      {roles.error ? <ErrorState error={roles.error} onRetry={() => void roles.refetch()} /> : null}
      {roles.isPending ? <Text color="gray">Loading roles…</Text> : null}
      <Grid columns={{ initial: '1', md: '2' }} gap="3">
        {roles.data?.map((role) => (
          <Card key={role.id} data-testid="role-card">
            <Flex justify="between" align="start" gap="3">
              <div>
                <Flex gap="2" align="center">
                  <Heading size="4">{role.name}</Heading>
                  <Badge variant="outline">{role.code}</Badge>
                  {role.builtin ? <Badge color="gray">built-in</Badge> : null}
                </Flex>
                <Text as="p" size="2" color="gray" mt="1">
                  {role.description || 'No description'}
                </Text>
                <Text as="p" size="1" color="gray" mt="1">
                  {role.userCount} user(s) · {role.permissions.length} permission(s)
                </Text>
              </div>
              <Button size="1" variant="soft" onClick={() => setEditing(role)}>
                Edit
              </Button>
            </Flex>
            <Flex gap="1" wrap="wrap" mt="3">
              {role.permissions.slice(0, 12).map((p) => (
                <Badge key={p} color="indigo" variant="soft">
                  {p}
                </Badge>
              ))}
              {role.permissions.length > 12 ? (
                <Badge color="gray">+{role.permissions.length - 12} more</Badge>
              ) : null}
            </Flex>
          </Card>
        ))}
      </Grid>
      {editing ? (
        <RoleDialog role={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}

function RoleDialog({ role, onClose }: { role: RoleRow | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const permissions = useQuery(trpc.role.permissions.queryOptions());
  const { fieldErrors, onError } = useFormErrors();
  const [code, setCode] = useState(role?.code ?? '');
  const [name, setName] = useState(role?.name ?? '');
  const [description, setDescription] = useState(role?.description ?? '');
  const [selected, setSelected] = useState<Set<string>>(new Set(role?.permissions ?? []));
  const locked = role?.code === 'admin';
  const grouped = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const p of permissions.data ?? [])
      map.set(p.resource, [...(map.get(p.resource) ?? []), p.key]);
    return [...map.entries()];
  }, [permissions.data]);
  const done = (message: string) => {
    void queryClient.invalidateQueries({ queryKey: trpc.role.list.queryKey() });
    toast.success(message);
    onClose();
  };
  const create = useMutation(
    trpc.role.create.mutationOptions({ onSuccess: () => done('Role created'), onError }),
  );
  const update = useMutation(
    trpc.role.update.mutationOptions({ onSuccess: () => done('Role saved'), onError }),
  );
  const remove = useMutation(
    trpc.role.delete.mutationOptions({ onSuccess: () => done('Role deleted'), onError }),
  );
  const toggle = (key: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(key);
    else next.delete(key);
    setSelected(next);
  };
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Content maxWidth="640px">
        <Dialog.Title>{role ? `Edit role ${role.code}` : 'New role'}</Dialog.Title>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const perms = [...selected];
            if (role)
              update.mutate({
                id: role.id,
                name,
                description,
                permissions: locked ? undefined : perms,
              });
            else create.mutate({ code, name, description, permissions: perms });
          }}
        >
          <Flex direction="column" gap="3">
            {!role ? (
              <Field label="Code" error={fieldErrors.code} hint="Lower-case, e.g. sales_manager">
                <TextField.Root
                  name="code"
                  required
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                />
              </Field>
            ) : null}
            <Field label="Name" error={fieldErrors.name}>
              <TextField.Root
                name="name"
                required
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            </Field>
            <Field label="Description">
              <TextArea value={description} onChange={(e) => setDescription(e.target.value)} />
            </Field>
            <Text size="2" weight="medium">
              Permissions {locked ? '(the admin role always has all of them)' : ''}
            </Text>
            <Grid columns="2" gap="3" style={{ maxHeight: 320, overflowY: 'auto' }}>
              {grouped.map(([resource, keys]) => (
                <Card key={resource} size="1">
                  <Text size="2" weight="bold">
                    {resource}
                  </Text>
                  {keys.map((key) => (
                    <Text as="label" size="2" key={key} style={{ display: 'block' }}>
                      <Flex gap="2" align="center">
                        <Checkbox
                          disabled={locked}
                          checked={locked || selected.has(key)}
                          onCheckedChange={(c) => toggle(key, c === true)}
                          aria-label={key}
                        />
                        {key.split(':')[1]}
                      </Flex>
                    </Text>
                  ))}
                </Card>
              ))}
            </Grid>
            {fieldErrors.permissions ? (
              <Text size="1" color="red">
                {fieldErrors.permissions}
              </Text>
            ) : null}
            <Flex gap="3" justify="between" mt="2">
              {role && !role.builtin ? (
                <Button
                  type="button"
                  color="red"
                  variant="soft"
                  loading={remove.isPending}
                  onClick={() => remove.mutate({ id: role.id })}
                >
                  Delete role
                </Button>
              ) : (
                <span />
              )}
              <Flex gap="3">
                <DialogButtons pending={create.isPending || update.isPending}>
                  {role ? 'Save' : 'Create role'}
                </DialogButtons>
              </Flex>
            </Flex>
          </Flex>
        </form>
      </Dialog.Content>
    </Dialog.Root>
  );
}
