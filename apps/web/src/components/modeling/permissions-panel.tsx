'use client';
/**
 * Who may do what with this project's data: for one role, each entity × action, with its row
 * filter and field list at a glance. Roles holding a `data:*` permission reach every entity.
 */
import { Badge, Button, Callout, Flex, Select, Table, Text } from '@radix-ui/themes';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { EmptyState, ErrorState } from '~/components/ui/states';
import { useTRPC } from '~/trpc/react';

import { type DataAction, PermissionDialog, type PermissionTarget } from './permission-dialog';

const ACTIONS: DataAction[] = ['read', 'create', 'update', 'delete'];

export function PermissionsPanel({ project }: { project: string }) {
  const trpc = useTRPC();
  const roles = useQuery(trpc.role.list.queryOptions());
  const [roleId, setRoleId] = useState<string>();
  // Start on a role that grants can change something for: a custom one, else not the admin.
  const role =
    roles.data?.find((r) => r.id === roleId) ??
    roles.data?.find((r) => !r.builtin) ??
    roles.data?.find((r) => r.code !== 'admin') ??
    roles.data?.[0];
  const grants = useQuery(
    trpc.dataPermission.list.queryOptions(
      { project, roleId: role?.id },
      { enabled: Boolean(role) },
    ),
  );
  const [editing, setEditing] = useState<PermissionTarget>();
  if (roles.error) return <ErrorState error={roles.error} />;
  if (grants.error) return <ErrorState error={grants.error} />;
  if (roles.data && !role)
    return (
      <EmptyState
        title="No roles yet"
        hint="Create a role under Administration → Roles, then grant it data here."
      />
    );
  const whole = ACTIONS.filter((a) => role?.permissions.includes(`data:${a}`));
  return (
    <Flex direction="column" gap="3">
      <Flex gap="3" align="center">
        <Text size="2" weight="medium">
          Role
        </Text>
        <Select.Root value={role?.id ?? ''} onValueChange={setRoleId}>
          <Select.Trigger aria-label="Role" placeholder="Choose a role" />
          <Select.Content>
            {roles.data?.map((r) => (
              <Select.Item key={r.id} value={r.id}>
                {r.name}
              </Select.Item>
            ))}
          </Select.Content>
        </Select.Root>
      </Flex>
      {whole.length ? (
        <Callout.Root color="blue" size="1">
          <Callout.Text>
            {role?.name} holds {whole.map((a) => `data:${a}`).join(', ')}: it may {whole.join(', ')}{' '}
            every entity, every row and field, whatever is granted below.
          </Callout.Text>
        </Callout.Root>
      ) : null}
      <Table.Root variant="surface">
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeaderCell>Entity</Table.ColumnHeaderCell>
            {ACTIONS.map((a) => (
              <Table.ColumnHeaderCell key={a}>{a}</Table.ColumnHeaderCell>
            ))}
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {grants.data?.entities.map((entity) => (
            <Table.Row key={entity.code}>
              <Table.RowHeaderCell>{entity.name}</Table.RowHeaderCell>
              {ACTIONS.map((action) => {
                const current = grants.data.permissions.find(
                  (p) => p.entity === entity.code && p.action === action,
                );
                return (
                  <Table.Cell key={action}>
                    <Button
                      size="1"
                      variant={current ? 'soft' : 'ghost'}
                      color={current ? 'green' : 'gray'}
                      aria-label={`${action} ${entity.code}`}
                      onClick={() =>
                        role &&
                        setEditing({
                          project,
                          role,
                          entity: entity.code,
                          action,
                          fields: entity.fields,
                          current: current
                            ? {
                                id: current.id,
                                rowFilter: current.rowFilter,
                                fields: current.fields,
                              }
                            : null,
                        })
                      }
                    >
                      {current ? 'allowed' : 'no'}
                    </Button>
                    {current?.rowFilter ? (
                      <Badge ml="1" variant="outline" title={JSON.stringify(current.rowFilter)}>
                        rows
                      </Badge>
                    ) : null}
                    {current?.fields ? (
                      <Badge ml="1" variant="outline" title={current.fields.join(', ')}>
                        {current.fields.length} field{current.fields.length === 1 ? '' : 's'}
                      </Badge>
                    ) : null}
                  </Table.Cell>
                );
              })}
            </Table.Row>
          ))}
        </Table.Body>
      </Table.Root>
      {editing ? <PermissionDialog target={editing} onClose={() => setEditing(undefined)} /> : null}
    </Flex>
  );
}
