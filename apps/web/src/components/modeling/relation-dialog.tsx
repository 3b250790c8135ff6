'use client';
/** Adds a relation between two entities of the draft. */
import { Checkbox, Dialog, Flex, Select, Text, TextField } from '@radix-ui/themes';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';

import { DialogButtons } from '~/components/ui/dialog-buttons';
import { Field } from '~/components/ui/field';
import { useFormErrors } from '~/components/ui/use-form-errors';
import { useTRPC } from '~/trpc/react';

export function RelationDialog({
  project,
  revision,
  entities,
  onClose,
}: {
  project: string;
  revision: number;
  entities: string[];
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { fieldErrors, onError } = useFormErrors();
  const [form, setForm] = useState({
    code: '',
    type: 'many-to-one',
    from: entities[0] ?? '',
    to: entities[0] ?? '',
    field: '',
    inverse: '',
    onDelete: 'restrict',
    required: false,
  });
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) =>
    setForm({ ...form, [k]: v });
  const create = useMutation(
    trpc.model.createRelation.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({
          queryKey: trpc.project.get.queryKey({ code: project }),
        });
        toast.success('Relation added to the draft');
        onClose();
      },
      onError,
    }),
  );
  const pick = (key: 'from' | 'to', label: string) => (
    <Field label={label}>
      <Select.Root value={form[key]} onValueChange={(v) => set(key, v)}>
        <Select.Trigger aria-label={label} />
        <Select.Content>
          {entities.map((e) => (
            <Select.Item key={e} value={e}>
              {e}
            </Select.Item>
          ))}
        </Select.Content>
      </Select.Root>
    </Field>
  );
  return (
    <Dialog.Root open onOpenChange={(o) => !o && onClose()}>
      <Dialog.Content maxWidth="520px">
        <Dialog.Title>New relation</Dialog.Title>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({
              project,
              baseRevision: revision,
              relation: {
                code: form.code,
                type: form.type as 'many-to-one',
                from: form.from,
                to: form.to,
                ...(form.field ? { field: form.field } : {}),
                ...(form.inverse ? { inverse: form.inverse } : {}),
                ...(form.type !== 'many-to-many'
                  ? { onDelete: form.onDelete as 'restrict', required: form.required || undefined }
                  : {}),
              },
            });
          }}
        >
          <Flex direction="column" gap="3">
            <Flex gap="3">
              <Field label="Code" error={fieldErrors.code}>
                <TextField.Root
                  required
                  value={form.code}
                  onChange={(e) => set('code', e.target.value)}
                />
              </Field>
              <Field label="Type">
                <Select.Root value={form.type} onValueChange={(v) => set('type', v)}>
                  <Select.Trigger />
                  <Select.Content>
                    {['many-to-one', 'one-to-one', 'many-to-many'].map((t) => (
                      <Select.Item key={t} value={t}>
                        {t}
                      </Select.Item>
                    ))}
                  </Select.Content>
                </Select.Root>
              </Field>
            </Flex>
            <Flex gap="3">
              {pick('from', 'From')}
              {pick('to', 'To')}
            </Flex>
            <Flex gap="3">
              <Field label="Field on From" hint={`Defaults to ${form.to}`}>
                <TextField.Root value={form.field} onChange={(e) => set('field', e.target.value)} />
              </Field>
              <Field label="Inverse on To" hint="e.g. orders">
                <TextField.Root
                  value={form.inverse}
                  onChange={(e) => set('inverse', e.target.value)}
                />
              </Field>
            </Flex>
            {form.type !== 'many-to-many' ? (
              <Flex gap="3" align="end">
                <Field label="On delete">
                  <Select.Root value={form.onDelete} onValueChange={(v) => set('onDelete', v)}>
                    <Select.Trigger />
                    <Select.Content>
                      {['restrict', 'cascade', 'set-null'].map((t) => (
                        <Select.Item key={t} value={t}>
                          {t}
                        </Select.Item>
                      ))}
                    </Select.Content>
                  </Select.Root>
                </Field>
                <Text as="label" size="2">
                  <Flex gap="2" align="center">
                    <Checkbox
                      checked={form.required}
                      onCheckedChange={(c) => set('required', c === true)}
                    />
                    required
                  </Flex>
                </Text>
              </Flex>
            ) : null}
            {Object.values(fieldErrors)[0] ? (
              <Text size="2" color="red" role="alert">
                {Object.values(fieldErrors)[0]}
              </Text>
            ) : null}
            <Flex justify="end" gap="3">
              <DialogButtons pending={create.isPending}>Add relation</DialogButtons>
            </Flex>
          </Flex>
        </form>
      </Dialog.Content>
    </Dialog.Root>
  );
}
