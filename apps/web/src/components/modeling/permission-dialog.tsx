'use client';
/** Grants one role one action on one entity, with an optional row filter and field list. */
import { Button, Checkbox, Dialog, Flex, Grid, Text, TextArea } from '@radix-ui/themes';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';

import { DialogButtons } from '~/components/ui/dialog-buttons';
import { Field } from '~/components/ui/field';
import { useFormErrors } from '~/components/ui/use-form-errors';
import { useTRPC } from '~/trpc/react';

export type DataAction = 'read' | 'create' | 'update' | 'delete';

export interface PermissionTarget {
  project: string;
  role: { id: string; name: string };
  entity: string;
  action: DataAction;
  /** The entity's own fields and to-one relation keys. */
  fields: string[];
  current: { id: string; rowFilter: unknown; fields: string[] | null } | null;
}

const EXAMPLE = '{ "created_by": { "_eq": "$CURRENT_USER" } }';

export function PermissionDialog({
  target,
  onClose,
}: {
  target: PermissionTarget;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { fieldErrors, onError } = useFormErrors();
  const [filterText, setFilterText] = useState(
    target.current?.rowFilter ? JSON.stringify(target.current.rowFilter, null, 2) : '',
  );
  const [allFields, setAllFields] = useState(!target.current?.fields);
  const [chosen, setChosen] = useState<Set<string>>(
    new Set(target.current?.fields ?? target.fields),
  );
  const [parseError, setParseError] = useState<string>();
  const done = (message: string) => {
    void queryClient.invalidateQueries({ queryKey: trpc.dataPermission.list.queryKey() });
    toast.success(message);
    onClose();
  };
  const set = useMutation(
    trpc.dataPermission.set.mutationOptions({ onSuccess: () => done('Permission saved'), onError }),
  );
  const remove = useMutation(
    trpc.dataPermission.remove.mutationOptions({
      onSuccess: () => done('Permission removed'),
      onError,
    }),
  );
  const hasFields = target.action !== 'delete';
  const verb = target.action === 'read' ? 'readable' : target.action === 'delete' ? '' : 'writable';
  return (
    <Dialog.Root open onOpenChange={(o) => !o && onClose()}>
      <Dialog.Content maxWidth="560px">
        <Dialog.Title>
          {target.role.name} may {target.action} {target.entity}
        </Dialog.Title>
        <Dialog.Description size="2" color="gray" mb="3">
          Applies to every path to the data: lists, counts, exports, bulk changes, related reads and
          the change stream.
        </Dialog.Description>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            let rowFilter: Record<string, unknown> | null = null;
            if (filterText.trim()) {
              try {
                const parsed = JSON.parse(filterText) as unknown;
                if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
                  throw new Error('The row filter must be a JSON object');
                rowFilter = parsed as Record<string, unknown>;
              } catch (error) {
                setParseError(error instanceof Error ? error.message : String(error));
                return;
              }
            }
            setParseError(undefined);
            set.mutate({
              project: target.project,
              roleId: target.role.id,
              entity: target.entity,
              action: target.action,
              rowFilter,
              fields: hasFields && !allFields ? [...chosen] : null,
            });
          }}
        >
          <Flex direction="column" gap="3">
            <Field
              label="Row filter (optional)"
              error={parseError ?? fieldErrors.rowFilter}
              hint={`Only rows matching it. Example: ${EXAMPLE}`}
            >
              <TextArea
                value={filterText}
                onChange={(e) => setFilterText(e.target.value)}
                rows={5}
                placeholder="Every row"
                style={{ fontFamily: 'var(--code-font-family)' }}
              />
            </Field>
            {hasFields ? (
              <Flex direction="column" gap="2">
                <Text as="label" size="2">
                  <Flex gap="2" align="center">
                    <Checkbox
                      checked={allFields}
                      onCheckedChange={(v) => setAllFields(v === true)}
                    />
                    Every field is {verb}
                  </Flex>
                </Text>
                {!allFields ? (
                  <Grid columns="3" gap="2" role="group" aria-label={`${verb} fields`}>
                    {target.fields.map((f) => (
                      <Text as="label" size="2" key={f}>
                        <Flex gap="2" align="center">
                          <Checkbox
                            checked={chosen.has(f)}
                            onCheckedChange={(v) => {
                              const next = new Set(chosen);
                              if (v === true) next.add(f);
                              else next.delete(f);
                              setChosen(next);
                            }}
                          />
                          {f}
                        </Flex>
                      </Text>
                    ))}
                  </Grid>
                ) : null}
                {fieldErrors.fields ? (
                  <Text size="1" color="red" role="alert">
                    {fieldErrors.fields}
                  </Text>
                ) : null}
              </Flex>
            ) : null}
          </Flex>
          <Flex gap="3" mt="4" justify="between">
            {target.current ? (
              <Button
                type="button"
                color="red"
                variant="soft"
                loading={remove.isPending}
                onClick={() => remove.mutate({ id: target.current!.id })}
              >
                Revoke
              </Button>
            ) : (
              <span />
            )}
            <Flex gap="3">
              <DialogButtons pending={set.isPending}>
                {target.current ? 'Save' : 'Grant'}
              </DialogButtons>
            </Flex>
          </Flex>
        </form>
      </Dialog.Content>
    </Dialog.Root>
  );
}
