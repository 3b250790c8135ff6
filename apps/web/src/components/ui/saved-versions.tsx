'use client';
/**
 * Saved versions of something edited over a generated base (a data page, a template): who and
 * when, the note, optionally what each version changed, and restore for all but the current.
 */
import { Badge, Button, Flex, Table, Text } from '@radix-ui/themes';
import { Fragment, type ReactNode, useState } from 'react';

export interface SavedVersion {
  version: number;
  createdAt: Date;
  by: string | null;
  note: string | null;
  /** This version went back to the generated base. */
  base: boolean;
}

export function SavedVersions({
  versions,
  label,
  baseLabel,
  empty,
  onRestore,
  changes,
}: {
  versions: SavedVersion[];
  label: string;
  /** The badge of a version that is the base again ("generated", "built-in"). */
  baseLabel: string;
  empty: string;
  onRestore: (version: number) => void;
  /** What the version at this index changed, shown on demand. */
  changes?: (index: number) => ReactNode;
}) {
  const [open, setOpen] = useState<number | null>(null);
  if (versions.length === 0)
    return (
      <Text as="p" size="2" color="gray">
        {empty}
      </Text>
    );
  return (
    <section aria-label={label}>
      <Table.Root variant="surface">
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeaderCell>Version</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>Saved</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>By</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>Note</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {versions.map((v, i) => (
            <Fragment key={v.version}>
              <Table.Row>
                <Table.Cell>
                  {v.version} {i === 0 ? <Badge>current</Badge> : null}{' '}
                  {v.base ? <Badge color="gray">{baseLabel}</Badge> : null}
                </Table.Cell>
                <Table.Cell>{v.createdAt.toLocaleString()}</Table.Cell>
                <Table.Cell>{v.by ?? '—'}</Table.Cell>
                <Table.Cell>{v.note ?? ''}</Table.Cell>
                <Table.Cell>
                  <Flex gap="2" justify="end">
                    {changes ? (
                      <Button
                        size="1"
                        variant="soft"
                        color="gray"
                        aria-expanded={open === v.version}
                        onClick={() => setOpen(open === v.version ? null : v.version)}
                      >
                        {open === v.version ? 'Hide changes' : `Changes in v${v.version}`}
                      </Button>
                    ) : null}
                    {i > 0 ? (
                      <Button size="1" variant="soft" onClick={() => onRestore(v.version)}>
                        Restore
                      </Button>
                    ) : null}
                  </Flex>
                </Table.Cell>
              </Table.Row>
              {changes && open === v.version ? (
                <Table.Row>
                  <Table.Cell colSpan={5}>{changes(i)}</Table.Cell>
                </Table.Row>
              ) : null}
            </Fragment>
          ))}
        </Table.Body>
      </Table.Root>
    </section>
  );
}
