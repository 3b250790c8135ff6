'use client';
/** Users: search, create, edit, roles, disable/enable, reset password. */
import { Badge, Button, Flex, Table, Text, TextField } from '@radix-ui/themes';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Plus, Search } from 'lucide-react';
import { useState } from 'react';

import { PageHeader } from '~/components/ui/page-header';
import { Pager } from '~/components/ui/pager';
import { EmptyState, ErrorState, TableSkeleton } from '~/components/ui/states';
import { useTRPC } from '~/trpc/react';

import { UserDialog, type EditableUser } from './user-dialog';

const PER_PAGE = 20;

export function UsersView() {
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<EditableUser | 'new' | null>(null);
  const users = useQuery({
    ...trpc.user.list.queryOptions({ search: search || undefined, page, perPage: PER_PAGE }),
    placeholderData: keepPreviousData,
  });
  const roles = useQuery(trpc.role.list.queryOptions());

  return (
    <>
      <PageHeader
        title="Users"
        description="People who can sign in, and the roles that decide what they see."
        actions={
          <Button onClick={() => setEditing('new')}>
            <Plus size={16} /> New user
          </Button>
        }
      />
      <Flex mb="3">
        <TextField.Root
          placeholder="Search by email or name"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
          style={{ width: 320 }}
          aria-label="Search users"
        >
          <TextField.Slot>
            <Search size={14} />
          </TextField.Slot>
        </TextField.Root>
      </Flex>
      {users.error ? <ErrorState error={users.error} onRetry={() => void users.refetch()} /> : null}
      {users.data && users.data.total === 0 ? (
        <EmptyState
          title={search ? 'No user matches this search' : 'No users yet'}
          hint={search ? 'Try another email or name.' : undefined}
        />
      ) : (
        <Table.Root variant="surface">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>Email</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Name</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Roles</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Status</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell />
            </Table.Row>
          </Table.Header>
          {users.isPending ? (
            <TableSkeleton columns={5} />
          ) : (
            <Table.Body>
              {users.data?.items.map((u) => (
                <Table.Row key={u.id} data-testid="user-row">
                  <Table.RowHeaderCell>{u.email}</Table.RowHeaderCell>
                  <Table.Cell>{u.name}</Table.Cell>
                  <Table.Cell>
                    <Flex gap="1" wrap="wrap">
                      {u.roles.length ? (
                        u.roles.map((r) => <Badge key={r}>{r}</Badge>)
                      ) : (
                        <Text size="1" color="gray">
                          none
                        </Text>
                      )}
                    </Flex>
                  </Table.Cell>
                  <Table.Cell>
                    <Badge color={u.status === 'active' ? 'green' : 'gray'}>{u.status}</Badge>
                  </Table.Cell>
                  <Table.Cell align="right">
                    <Button size="1" variant="soft" onClick={() => setEditing(u)}>
                      Edit
                    </Button>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          )}
        </Table.Root>
      )}
      {users.data ? (
        <Pager page={page} perPage={PER_PAGE} total={users.data.total} onPage={setPage} />
      ) : null}
      {editing ? (
        <UserDialog
          user={editing === 'new' ? null : editing}
          roles={roles.data ?? []}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
