'use client';
import { Button, Card, Flex, Heading, Text, TextField } from '@radix-ui/themes';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { Field } from '~/components/ui/field';
import { useFormErrors } from '~/components/ui/use-form-errors';
import { useTRPC } from '~/trpc/react';

export function SetupForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [form, setForm] = useState({ name: '', email: '', password: '', confirm: '' });
  const { fieldErrors, onError } = useFormErrors();
  const mismatch = form.confirm.length > 0 && form.confirm !== form.password;
  const setup = useMutation(
    trpc.auth.setup.mutationOptions({
      onSuccess: () => {
        router.replace('/');
        router.refresh();
      },
      onError,
    }),
  );
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [key]: e.target.value });
  return (
    <Card size="4" style={{ width: 420 }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!mismatch)
            setup.mutate({ name: form.name, email: form.email, password: form.password });
        }}
      >
        <Flex direction="column" gap="4">
          <div>
            <Heading size="6">Set up Tessera</Heading>
            <Text size="2" color="gray">
              Create the first administrator. This screen disappears once an account exists.
            </Text>
          </div>
          <Field label="Name" error={fieldErrors.name}>
            <TextField.Root name="name" required value={form.name} onChange={set('name')} />
          </Field>
          <Field label="Email" error={fieldErrors.email}>
            <TextField.Root
              name="email"
              type="email"
              required
              value={form.email}
              onChange={set('email')}
            />
          </Field>
          <Field label="Password" error={fieldErrors.password} hint="8 to 256 characters">
            <TextField.Root
              name="password"
              type="password"
              autoComplete="new-password"
              required
              value={form.password}
              onChange={set('password')}
            />
          </Field>
          <Field label="Confirm password" error={mismatch ? 'The passwords differ' : undefined}>
            <TextField.Root
              name="confirm"
              type="password"
              autoComplete="new-password"
              required
              value={form.confirm}
              onChange={set('confirm')}
            />
          </Field>
          <Button type="submit" size="3" loading={setup.isPending} disabled={mismatch}>
            Create administrator
          </Button>
        </Flex>
      </form>
    </Card>
  );
}
