'use client';
import { Button, Card, Flex, Heading, Text, TextField } from '@radix-ui/themes';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { Field } from '~/components/ui/field';
import { useFormErrors } from '~/components/ui/use-form-errors';
import { useTRPC } from '~/trpc/react';

/** `next`: where to go once signed in (a checked path on this origin, e.g. the designer). */
export function LoginForm({ next = null }: { next?: string | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { fieldErrors, onError } = useFormErrors();
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: () => {
        // The designer is an app of its own, not a page of this one: a full navigation.
        if (next) window.location.assign(next);
        else {
          router.replace('/');
          router.refresh();
        }
      },
      onError,
    }),
  );
  return (
    <Card size="4" style={{ width: 380 }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          login.mutate({ email, password });
        }}
      >
        <Flex direction="column" gap="4">
          <div>
            <Heading size="6">Sign in to Tessera</Heading>
            <Text size="2" color="gray">
              Use the account your administrator gave you.
            </Text>
          </div>
          <Field label="Email" error={fieldErrors.email}>
            <TextField.Root
              name="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </Field>
          <Field label="Password" error={fieldErrors.password}>
            <TextField.Root
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </Field>
          {login.error ? (
            <Text size="2" color="red" role="alert" data-testid="login-error">
              {login.error.message}
            </Text>
          ) : null}
          <Button type="submit" size="3" loading={login.isPending}>
            Sign in
          </Button>
        </Flex>
      </form>
    </Card>
  );
}
