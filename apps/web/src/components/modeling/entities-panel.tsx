'use client';
/** The draft's entities with their fields, and the relations between them. */
import {
  Badge,
  Button,
  Card,
  Code,
  Flex,
  Heading,
  IconButton,
  Table,
  Text,
} from '@radix-ui/themes';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Pencil, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';

import { EmptyState } from '~/components/ui/states';
import { describeError, useTRPC } from '~/trpc/react';

import { EjectedServiceCard, EntityModeSwitch } from './ejected-service';
import { EntityDialog } from './entity-dialog';
import { asText, FieldDialog, type FieldDef } from './field-dialog';
import { RelationDialog } from './relation-dialog';
import { RelationsCard } from './relations-card';

interface Draft {
  entities: {
    id?: string;
    code: string;
    name?: string;
    softDelete?: boolean;
    mode?: string;
    fields: FieldDef[];
  }[];
  service?: { url: string };
  relations: {
    code: string;
    type: string;
    from: string;
    to: string;
    field?: string;
    inverse?: string;
    onDelete?: string;
    required?: boolean;
    through?: string;
  }[];
}

function describeType(f: FieldDef): string {
  if (f.type === 'string') return `string(${asText(f.length, '255')})`;
  if (f.type === 'decimal') return `decimal(${asText(f.precision)},${asText(f.scale)})`;
  if (f.type === 'enum' || f.type === 'enum-multi')
    return `${f.type}(${(f.options as string[]).join(', ')})`;
  if (f.type === 'computed') return `computed: ${asText(f.expression)}`;
  return f.type;
}

const STATUS_COLOR = { draft: 'amber', changed: 'blue', published: 'green' } as const;
type EntityStatus = keyof typeof STATUS_COLOR;

function StatusBadge({ status }: { status: EntityStatus | undefined }) {
  if (!status) return null;
  return (
    <Badge color={STATUS_COLOR[status]} data-testid="entity-status">
      {status}
    </Badge>
  );
}

export function EntitiesPanel({
  project,
  draft,
  revision,
  status,
}: {
  project: string;
  draft: Draft;
  revision: number;
  status: Record<string, EntityStatus>;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [fieldDialog, setFieldDialog] = useState<{ entity: string; field: FieldDef | null } | null>(
    null,
  );
  const [dialog, setDialog] = useState<'entity' | 'relation' | null>(null);
  const refresh = (message: string) => {
    void queryClient.invalidateQueries({ queryKey: trpc.project.get.queryKey({ code: project }) });
    toast.success(message);
  };
  const onError = (e: unknown) => toast.error(describeError(e).message);
  const deleteField = useMutation(
    trpc.model.deleteField.mutationOptions({
      onSuccess: () => refresh('Field removed from the draft'),
      onError,
    }),
  );
  const deleteEntity = useMutation(
    trpc.model.deleteEntity.mutationOptions({
      onSuccess: () => refresh('Entity removed from the draft'),
      onError,
    }),
  );
  const deleteRelation = useMutation(
    trpc.model.deleteRelation.mutationOptions({
      onSuccess: () => refresh('Relation removed from the draft'),
      onError,
    }),
  );

  return (
    <Flex direction="column" gap="4">
      <Flex gap="2" justify="between" align="center">
        <Text size="2" color="gray">
          Edits change the draft only. Review them under Plan &amp; publish.
        </Text>
        <Flex gap="2">
          <Button
            variant="soft"
            onClick={() => setDialog('relation')}
            disabled={draft.entities.length === 0}
          >
            <Plus size={16} /> New relation
          </Button>
          <Button onClick={() => setDialog('entity')}>
            <Plus size={16} /> New entity
          </Button>
        </Flex>
      </Flex>
      {draft.entities.length === 0 ? (
        <EmptyState title="No entities yet" hint="Add one, or import a model document." />
      ) : (
        <EjectedServiceCard
          project={project}
          revision={revision}
          url={draft.service?.url}
          ejected={draft.entities.filter((e) => e.mode === 'ejected').map((e) => e.code)}
        />
      )}
      {draft.entities.map((entity) => (
        <Card key={entity.code} data-testid="entity-card">
          <Flex justify="between" align="center" mb="2">
            <Flex gap="2" align="center">
              <Heading size="4">{entity.name ?? entity.code}</Heading>
              <Badge variant="outline">{entity.code}</Badge>
              {entity.softDelete ? <Badge color="gray">soft delete</Badge> : null}
              {entity.mode === 'ejected' ? (
                <Badge color="purple" data-testid="entity-ejected">
                  ejected
                </Badge>
              ) : null}
              <StatusBadge status={status[entity.code]} />
            </Flex>
            <Flex gap="2" align="center">
              <EntityModeSwitch
                project={project}
                revision={revision}
                entity={entity}
                hasService={draft.service !== undefined}
              />
              <Button
                size="1"
                variant="soft"
                onClick={() => setFieldDialog({ entity: entity.code, field: null })}
              >
                <Plus size={14} /> Field
              </Button>
              <IconButton
                size="1"
                variant="soft"
                color="red"
                aria-label={`Remove entity ${entity.code}`}
                onClick={() =>
                  deleteEntity.mutate({ project, code: entity.code, baseRevision: revision })
                }
              >
                <Trash2 size={14} />
              </IconButton>
            </Flex>
          </Flex>
          <Table.Root size="1">
            <Table.Header>
              <Table.Row>
                <Table.ColumnHeaderCell>Field</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>Type</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>Flags</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {entity.fields.map((f) => (
                <Table.Row key={f.code}>
                  <Table.RowHeaderCell>
                    <Code variant="ghost">{f.code}</Code>{' '}
                    {f.name ? (
                      <Text size="1" color="gray">
                        {asText(f.name)}
                      </Text>
                    ) : null}
                  </Table.RowHeaderCell>
                  <Table.Cell>
                    <Text size="2">{describeType(f)}</Text>
                  </Table.Cell>
                  <Table.Cell>
                    <Flex gap="1">
                      {f.required ? <Badge>required</Badge> : null}
                      {f.unique ? <Badge color="purple">unique</Badge> : null}
                      {f.indexed ? <Badge color="gray">indexed</Badge> : null}
                      {f.default !== undefined ? (
                        <Badge color="gray" variant="outline">
                          default
                        </Badge>
                      ) : null}
                    </Flex>
                  </Table.Cell>
                  <Table.Cell align="right">
                    <Flex gap="1" justify="end">
                      <IconButton
                        size="1"
                        variant="ghost"
                        aria-label={`Edit ${entity.code}.${f.code}`}
                        onClick={() => setFieldDialog({ entity: entity.code, field: f })}
                      >
                        <Pencil size={14} />
                      </IconButton>
                      <IconButton
                        size="1"
                        variant="ghost"
                        color="red"
                        aria-label={`Remove ${entity.code}.${f.code}`}
                        onClick={() =>
                          deleteField.mutate({
                            project,
                            entity: entity.code,
                            code: f.code,
                            baseRevision: revision,
                          })
                        }
                      >
                        <Trash2 size={14} />
                      </IconButton>
                    </Flex>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table.Root>
        </Card>
      ))}
      {draft.relations.length ? (
        <RelationsCard
          relations={draft.relations}
          onRemove={(code) => deleteRelation.mutate({ project, code, baseRevision: revision })}
        />
      ) : null}
      {fieldDialog ? (
        <FieldDialog
          project={project}
          entity={fieldDialog.entity}
          revision={revision}
          field={fieldDialog.field}
          onClose={() => setFieldDialog(null)}
        />
      ) : null}
      {dialog === 'entity' ? (
        <EntityDialog project={project} revision={revision} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === 'relation' ? (
        <RelationDialog
          project={project}
          revision={revision}
          entities={draft.entities.map((e) => e.code)}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </Flex>
  );
}
