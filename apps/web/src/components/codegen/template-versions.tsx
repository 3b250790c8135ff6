'use client';
/** A template's saved versions: who and when, the note, what each changed, and restore. */
import { Badge, Button, Flex, Table, Text } from '@radix-ui/themes';
import { Fragment, useState } from 'react';

import { FileDiff } from './file-diff';
import type { TemplateSource } from './types';

export function TemplateVersions({
  versions,
  builtIn,
  onRestore,
}: {
  versions: TemplateSource['versions'];
  builtIn: string;
  onRestore: (version: number) => void;
}) {
  const [open, setOpen] = useState<number | null>(null);
  if (versions.length === 0)
    return (
      <Text size="2" color="gray">
        The built-in template; this project has not changed it.
      </Text>
    );
  return (
    <section aria-label="Template versions">
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
                  {v.builtIn ? <Badge color="gray">built-in</Badge> : null}
                </Table.Cell>
                <Table.Cell>{v.createdAt.toLocaleString()}</Table.Cell>
                <Table.Cell>{v.by ?? '—'}</Table.Cell>
                <Table.Cell>{v.note ?? ''}</Table.Cell>
                <Table.Cell>
                  <Flex gap="2" justify="end">
                    <Button
                      size="1"
                      variant="soft"
                      color="gray"
                      aria-expanded={open === v.version}
                      onClick={() => setOpen(open === v.version ? null : v.version)}
                    >
                      {open === v.version ? 'Hide changes' : `Changes in v${v.version}`}
                    </Button>
                    {i > 0 ? (
                      <Button size="1" variant="soft" onClick={() => onRestore(v.version)}>
                        Restore
                      </Button>
                    ) : null}
                  </Flex>
                </Table.Cell>
              </Table.Row>
              {open === v.version ? (
                <Table.Row>
                  <Table.Cell colSpan={5}>
                    {/* Against the version before it, or the built-in template for the first. */}
                    <FileDiff
                      before={versions[i + 1]?.source ?? builtIn}
                      after={v.source}
                      since={
                        versions[i + 1]
                          ? `since v${versions[i + 1]!.version}`
                          : 'from the built-in template'
                      }
                    />
                  </Table.Cell>
                </Table.Row>
              ) : null}
            </Fragment>
          ))}
        </Table.Body>
      </Table.Root>
    </section>
  );
}
