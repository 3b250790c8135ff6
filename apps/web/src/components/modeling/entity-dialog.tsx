'use client';
/** Adds an entity to the draft. */
import { Checkbox, Dialog, Flex, Text, TextField } from '@radix-ui/themes';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';

import { DialogButtons } from '~/components/ui/dialog-buttons';
import { Field } from '~/components/ui/field';
import { useFormErrors } from '~/components/ui/use-form-errors';
import { useTRPC } from '~/trpc/react';

export function EntityDialog({
  project,
  revision,
  onClose,
}: {
  project: string;
  revision: number;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { fieldErrors, onError } = useFormErrors();
  const [form, setForm] = useState({ code: '', name: '', softDelete: false });
  const create = useMutation(
    trpc.model.createEntity.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({
          queryKey: trpc.project.get.queryKey({ code: project }),
        });
        toast.success('Entity added to the draft');
        onClose();
      },
      onError,
    }),
  );
  return (
    <Dialog.Root open onOpenChange={(o) => !o && onClose()}>
      <Dialog.Content maxWidth="440px">
        <Dialog.Title>New entity</Dialog.Title>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({
              project,
              baseRevision: revision,
              entity: {
                code: form.code,
                ...(form.name ? { name: form.name } : {}),
                softDelete: form.softDelete || undefined,
              },
            });
          }}
        >
          <Flex direction="column" gap="3">
            <Field
              label="Code"
              error={
                fieldErrors['entities.0.code'] ?? fieldErrors.code ?? Object.values(fieldErrors)[0]
              }
              hint="The table name, e.g. customer"
            >
              <TextField.Root
                required
                value={form.code}
                onChange={(e) => setForm({ ...form, code: e.target.value })}
              />
            </Field>
            <Field label="Name">
              <TextField.Root
                value={form.name}
                onChange={(e) => setForm({ ...form, name: e.target.value })}
              />
            </Field>
            <Text as="label" size="2">
              <Flex gap="2" align="center">
                <Checkbox
                  checked={form.softDelete}
                  onCheckedChange={(c) => setForm({ ...form, softDelete: c === true })}
                />
                Soft delete (keep deleted rows)
              </Flex>
            </Text>
            <Flex justify="end" gap="3">
              <DialogButtons pending={create.isPending}>Add entity</DialogButtons>
            </Flex>
          </Flex>
        </form>
      </Dialog.Content>
    </Dialog.Root>
  );
}
