'use client';
/** The navigation tree: directories, pages and entity pages, each with the permission it needs. */
import { Badge, Button, Code, Flex, Table, Text } from '@radix-ui/themes';
import { useQuery } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useState } from 'react';

import { MenuIcon } from '~/components/shell/menu-icon';
import { PageHeader } from '~/components/ui/page-header';
import { ErrorState, TableSkeleton } from '~/components/ui/states';
import { useTRPC } from '~/trpc/react';

import { MenuDialog, type MenuNode } from './menu-dialog';

function flatten(nodes: MenuNode[], depth = 0): { node: MenuNode; depth: number }[] {
  return nodes.flatMap((node) => [{ node, depth }, ...flatten(node.children, depth + 1)]);
}

export function MenusView() {
  const trpc = useTRPC();
  const tree = useQuery(trpc.menu.tree.queryOptions());
  const [editing, setEditing] = useState<MenuNode | 'new' | null>(null);
  const rows = flatten(tree.data ?? []);
  return (
    <>
      <PageHeader
        title="Menus"
        description="What appears in the sidebar. A user sees an entry only if they hold its permission."
        actions={
          <Button onClick={() => setEditing('new')}>
            <Plus size={16} /> New menu
          </Button>
        }
      />
      {tree.error ? <ErrorState error={tree.error} onRetry={() => void tree.refetch()} /> : null}
      <Table.Root variant="surface">
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeaderCell>Title</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>Type</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>Path</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>Permission</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>Order</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell />
          </Table.Row>
        </Table.Header>
        {tree.isPending ? (
          <TableSkeleton columns={6} />
        ) : (
          <Table.Body>
            {rows.map(({ node, depth }) => (
              <Table.Row key={node.id}>
                <Table.RowHeaderCell>
                  <Flex align="center" gap="2" style={{ paddingLeft: depth * 20 }}>
                    <MenuIcon name={node.icon} /> {node.title}
                  </Flex>
                </Table.RowHeaderCell>
                <Table.Cell>
                  <Badge variant="soft" color={node.type === 'directory' ? 'gray' : 'indigo'}>
                    {node.type.replace('_', ' ')}
                  </Badge>
                </Table.Cell>
                <Table.Cell>
                  {node.path ? (
                    <Code variant="ghost">{node.path}</Code>
                  ) : (
                    <Text color="gray">—</Text>
                  )}
                </Table.Cell>
                <Table.Cell>
                  {node.permission ? (
                    <Code variant="ghost">{node.permission}</Code>
                  ) : (
                    <Text color="gray" size="1">
                      everyone
                    </Text>
                  )}
                </Table.Cell>
                <Table.Cell>{node.sortOrder}</Table.Cell>
                <Table.Cell align="right">
                  <Button size="1" variant="soft" onClick={() => setEditing(node)}>
                    Edit
                  </Button>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        )}
      </Table.Root>
      {editing ? (
        <MenuDialog
          menu={editing === 'new' ? null : editing}
          directories={rows.filter((r) => r.node.type === 'directory').map((r) => r.node)}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
