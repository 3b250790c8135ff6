'use client';
/** Adds or edits a field; the form shows the parameters and rules that suit the chosen type. */
import { Checkbox, Dialog, Flex, Grid, Select, Text, TextField } from '@radix-ui/themes';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';

import { DialogButtons } from '~/components/ui/dialog-buttons';
import { Field } from '~/components/ui/field';
import { useFormErrors } from '~/components/ui/use-form-errors';
import { useTRPC } from '~/trpc/react';

import { FieldRules } from './field-rules';

import {
  asText,
  FIELD_TYPES,
  type FieldDef,
  type FieldType,
  NUMERIC,
  num,
  parseDefault,
  showDefault,
  TEXTUAL,
} from './field-form';

export { asText, type FieldDef } from './field-form';

export function FieldDialog({
  project,
  entity,
  revision,
  field,
  onClose,
}: {
  project: string;
  entity: string;
  revision: number;
  field: FieldDef | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { fieldErrors, onError } = useFormErrors();
  const v = (field?.validation ?? {}) as Record<string, unknown>;
  const [form, setForm] = useState({
    code: field?.code ?? '',
    name: asText(field?.name),
    type: field?.type ?? 'string',
    length: asText(field?.length, '255'),
    precision: asText(field?.precision, '18'),
    scale: asText(field?.scale, '2'),
    options: ((field?.options as string[]) ?? []).join(', '),
    expression: asText(field?.expression),
    resultType: asText(field?.resultType, 'text'),
    required: !!field?.required,
    unique: !!field?.unique,
    indexed: !!field?.indexed,
    default: showDefault(field?.default),
    min: asText(v.min),
    max: asText(v.max),
    minLength: asText(v.minLength),
    maxLength: asText(v.maxLength),
    pattern: asText(v.pattern),
  });
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) =>
    setForm({ ...form, [key]: value });
  const done = (message: string) => {
    void queryClient.invalidateQueries({ queryKey: trpc.project.get.queryKey({ code: project }) });
    toast.success(message);
    onClose();
  };
  const create = useMutation(
    trpc.model.createField.mutationOptions({
      onSuccess: () => done('Field added to the draft'),
      onError,
    }),
  );
  const update = useMutation(
    trpc.model.updateField.mutationOptions({
      onSuccess: () => done('Field saved in the draft'),
      onError,
    }),
  );

  function definition() {
    const t = form.type;
    const validation = {
      ...(NUMERIC.has(t) ? { min: num(form.min), max: num(form.max) } : {}),
      ...(TEXTUAL.has(t)
        ? {
            minLength: num(form.minLength),
            maxLength: num(form.maxLength),
            pattern: form.pattern || undefined,
          }
        : {}),
    };
    const hasRules = Object.values(validation).some((x) => x !== undefined);
    return {
      code: form.code,
      ...(form.name ? { name: form.name } : {}),
      type: t,
      ...(t === 'string' ? { length: Number(form.length) } : {}),
      ...(t === 'decimal' ? { precision: Number(form.precision), scale: Number(form.scale) } : {}),
      ...(t === 'enum' || t === 'enum-multi'
        ? {
            options: form.options
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          }
        : {}),
      ...(t === 'computed' ? { expression: form.expression, resultType: form.resultType } : {}),
      ...(t !== 'computed'
        ? {
            required: form.required || undefined,
            unique: form.unique || undefined,
            indexed: form.indexed || undefined,
            default: parseDefault(t, form.default),
          }
        : {}),
      ...(hasRules ? { validation } : {}),
    };
  }

  const submit = () => {
    const def = definition() as never;
    if (field)
      update.mutate({ project, entity, code: field.code, baseRevision: revision, field: def });
    else create.mutate({ project, entity, baseRevision: revision, field: def });
  };
  const errorText = Object.entries(fieldErrors)
    .filter(([k]) => !['code'].includes(k))
    .map(([, m]) => m)[0];
  return (
    <Dialog.Root open onOpenChange={(o) => !o && onClose()}>
      <Dialog.Content maxWidth="600px">
        <Dialog.Title>
          {field ? `Edit ${entity}.${field.code}` : `New field in ${entity}`}
        </Dialog.Title>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Flex direction="column" gap="3">
            <Grid columns="3" gap="3">
              <Field label="Code" error={fieldErrors.code}>
                <TextField.Root
                  required
                  value={form.code}
                  onChange={(e) => set('code', e.target.value)}
                />
              </Field>
              <Field label="Label">
                <TextField.Root value={form.name} onChange={(e) => set('name', e.target.value)} />
              </Field>
              <Field label="Type">
                <Select.Root value={form.type} onValueChange={(t) => set('type', t as FieldType)}>
                  <Select.Trigger aria-label="Type" />
                  <Select.Content>
                    {FIELD_TYPES.map((t) => (
                      <Select.Item key={t} value={t}>
                        {t}
                      </Select.Item>
                    ))}
                  </Select.Content>
                </Select.Root>
              </Field>
            </Grid>
            {form.type === 'string' ? (
              <Field label="Length">
                <TextField.Root
                  type="number"
                  value={form.length}
                  onChange={(e) => set('length', e.target.value)}
                />
              </Field>
            ) : null}
            {form.type === 'decimal' ? (
              <Grid columns="2" gap="3">
                <Field label="Precision">
                  <TextField.Root
                    type="number"
                    value={form.precision}
                    onChange={(e) => set('precision', e.target.value)}
                  />
                </Field>
                <Field label="Scale">
                  <TextField.Root
                    type="number"
                    value={form.scale}
                    onChange={(e) => set('scale', e.target.value)}
                  />
                </Field>
              </Grid>
            ) : null}
            {form.type === 'enum' || form.type === 'enum-multi' ? (
              <Field label="Options" hint="Comma-separated">
                <TextField.Root
                  value={form.options}
                  onChange={(e) => set('options', e.target.value)}
                />
              </Field>
            ) : null}
            {form.type === 'computed' ? (
              <Grid columns="2" gap="3">
                <Field label="Expression" hint="Over this entity's fields, e.g. price * quantity">
                  <TextField.Root
                    value={form.expression}
                    onChange={(e) => set('expression', e.target.value)}
                  />
                </Field>
                <Field label="Result type">
                  <Select.Root value={form.resultType} onValueChange={(t) => set('resultType', t)}>
                    <Select.Trigger />
                    <Select.Content>
                      {[
                        'text',
                        'integer',
                        'bigint',
                        'decimal',
                        'float',
                        'boolean',
                        'date',
                        'datetime',
                      ].map((t) => (
                        <Select.Item key={t} value={t}>
                          {t}
                        </Select.Item>
                      ))}
                    </Select.Content>
                  </Select.Root>
                </Field>
              </Grid>
            ) : (
              <>
                <Flex gap="4">
                  {(['required', 'unique', 'indexed'] as const).map((flag) => (
                    <Text as="label" size="2" key={flag}>
                      <Flex gap="2" align="center">
                        <Checkbox
                          checked={form[flag]}
                          onCheckedChange={(c) => set(flag, c === true)}
                        />
                        {flag}
                      </Flex>
                    </Text>
                  ))}
                </Flex>
                <Field label="Default" hint="A value, or now() / uuid()">
                  <TextField.Root
                    value={form.default}
                    onChange={(e) => set('default', e.target.value)}
                  />
                </Field>
              </>
            )}
            <FieldRules type={form.type} values={form} onChange={set} />
            {errorText ? (
              <Text size="2" color="red" role="alert">
                {errorText}
              </Text>
            ) : null}
            <Flex justify="end" gap="3">
              <DialogButtons pending={create.isPending || update.isPending}>
                {field ? 'Save field' : 'Add field'}
              </DialogButtons>
            </Flex>
          </Flex>
        </form>
      </Dialog.Content>
    </Dialog.Root>
  );
}
