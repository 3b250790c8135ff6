'use client';
import { Badge, Button, Card, DataList, Flex, Heading, TextField } from '@radix-ui/themes';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';

import { Field } from '~/components/ui/field';
import { PageHeader } from '~/components/ui/page-header';
import { useFormErrors } from '~/components/ui/use-form-errors';
import { useTRPC } from '~/trpc/react';

export function ProfileView() {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const { fieldErrors, onError, reset } = useFormErrors();
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const mismatch = form.confirm.length > 0 && form.confirm !== form.newPassword;
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: () => {
        toast.success('Password changed. Your other sessions were signed out.');
        setForm({ currentPassword: '', newPassword: '', confirm: '' });
        reset();
      },
      onError,
    }),
  );
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [key]: e.target.value });
  return (
    <>
      <PageHeader title="Profile" />
      <Flex direction="column" gap="4" maxWidth="560px">
        <Card>
          <DataList.Root>
            <DataList.Item>
              <DataList.Label>Name</DataList.Label>
              <DataList.Value>{me.data?.user.name}</DataList.Value>
            </DataList.Item>
            <DataList.Item>
              <DataList.Label>Email</DataList.Label>
              <DataList.Value>{me.data?.user.email}</DataList.Value>
            </DataList.Item>
            <DataList.Item>
              <DataList.Label>Roles</DataList.Label>
              <DataList.Value>
                <Flex gap="1">
                  {me.data?.roles.map((r) => (
                    <Badge key={r}>{r}</Badge>
                  ))}
                </Flex>
              </DataList.Value>
            </DataList.Item>
          </DataList.Root>
        </Card>
        <Card>
          <Heading size="3" mb="3">
            Change password
          </Heading>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!mismatch)
                change.mutate({
                  currentPassword: form.currentPassword,
                  newPassword: form.newPassword,
                });
            }}
          >
            <Flex direction="column" gap="3">
              <Field label="Current password" error={fieldErrors.currentPassword}>
                <TextField.Root
                  type="password"
                  autoComplete="current-password"
                  required
                  value={form.currentPassword}
                  onChange={set('currentPassword')}
                />
              </Field>
              <Field
                label="New password"
                error={fieldErrors.newPassword}
                hint="8 to 256 characters"
              >
                <TextField.Root
                  type="password"
                  autoComplete="new-password"
                  required
                  value={form.newPassword}
                  onChange={set('newPassword')}
                />
              </Field>
              <Field
                label="Confirm new password"
                error={mismatch ? 'The passwords differ' : undefined}
              >
                <TextField.Root
                  type="password"
                  autoComplete="new-password"
                  required
                  value={form.confirm}
                  onChange={set('confirm')}
                />
              </Field>
              <Flex justify="end">
                <Button type="submit" disabled={mismatch} loading={change.isPending}>
                  Change password
                </Button>
              </Flex>
            </Flex>
          </form>
        </Card>
      </Flex>
    </>
  );
}
