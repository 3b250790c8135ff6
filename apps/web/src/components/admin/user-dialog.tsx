'use client';
/** Create or edit a user. Saving runs only the mutations whose fields changed. */
import { Button, Checkbox, Dialog, Flex, Separator, Text, TextField } from '@radix-ui/themes';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';

import { DialogButtons } from '~/components/ui/dialog-buttons';
import { Field } from '~/components/ui/field';
import { useFormErrors } from '~/components/ui/use-form-errors';
import { useTRPC } from '~/trpc/react';

export interface EditableUser {
  id: string;
  email: string;
  name: string;
  status: 'active' | 'disabled';
  roles: string[];
}

export function UserDialog({
  user,
  roles,
  onClose,
}: {
  user: EditableUser | null;
  roles: { code: string; name: string }[];
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { fieldErrors, onError } = useFormErrors();
  const [email, setEmail] = useState(user?.email ?? '');
  const [name, setName] = useState(user?.name ?? '');
  const [password, setPassword] = useState('');
  const [selected, setSelected] = useState<string[]>(user?.roles ?? []);
  const done = (message: string) => {
    void queryClient.invalidateQueries({ queryKey: trpc.user.list.queryKey() });
    toast.success(message);
    onClose();
  };
  const create = useMutation(
    trpc.user.create.mutationOptions({ onSuccess: () => done('User created'), onError }),
  );
  const update = useMutation(trpc.user.update.mutationOptions({ onError }));
  const assign = useMutation(trpc.user.assignRoles.mutationOptions({ onError }));
  const status = useMutation(
    trpc.user.setStatus.mutationOptions({
      onSuccess: (u) => done(u.status === 'active' ? 'User enabled' : 'User disabled'),
      onError,
    }),
  );
  const reset = useMutation(
    trpc.user.resetPassword.mutationOptions({
      onSuccess: () => toast.success('Password reset; the user’s sessions were ended'),
      onError,
    }),
  );
  const pending = create.isPending || update.isPending || assign.isPending;

  async function save() {
    if (!user) {
      create.mutate({ email, name, password, roles: selected });
      return;
    }
    try {
      if (email !== user.email || name !== user.name)
        await update.mutateAsync({
          id: user.id,
          email: email !== user.email ? email : undefined,
          name,
        });
      if ([...selected].sort().join() !== [...user.roles].sort().join())
        await assign.mutateAsync({ id: user.id, roles: selected });
      done('User saved');
    } catch {
      // Shown by onError.
    }
  }

  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Content maxWidth="480px">
        <Dialog.Title>{user ? `Edit ${user.email}` : 'New user'}</Dialog.Title>
        <Dialog.Description size="2" color="gray" mb="4">
          {user
            ? 'Changing roles signs the user out everywhere.'
            : 'The user signs in with this email and password.'}
        </Dialog.Description>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Flex direction="column" gap="3">
            <Field label="Email" error={fieldErrors.email}>
              <TextField.Root
                name="email"
                type="email"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            </Field>
            <Field label="Name" error={fieldErrors.name}>
              <TextField.Root
                name="name"
                required
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            </Field>
            {!user ? (
              <Field label="Password" error={fieldErrors.password} hint="8 to 256 characters">
                <TextField.Root
                  name="password"
                  type="password"
                  autoComplete="new-password"
                  required
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                />
              </Field>
            ) : null}
            <Flex direction="column" gap="2" role="group" aria-label="Roles">
              <Text size="2" weight="medium">
                Roles
              </Text>
              {roles.map((r) => (
                <Text as="label" size="2" key={r.code}>
                  <Flex gap="2" align="center">
                    <Checkbox
                      name={`role-${r.code}`}
                      checked={selected.includes(r.code)}
                      onCheckedChange={(checked) =>
                        setSelected(
                          checked ? [...selected, r.code] : selected.filter((c) => c !== r.code),
                        )
                      }
                    />
                    {r.name} <Text color="gray">({r.code})</Text>
                  </Flex>
                </Text>
              ))}
              {fieldErrors.roles ? (
                <Text size="1" color="red">
                  {fieldErrors.roles}
                </Text>
              ) : null}
            </Flex>
            <Flex gap="3" justify="end" mt="2">
              <DialogButtons pending={pending}>{user ? 'Save' : 'Create user'}</DialogButtons>
            </Flex>
          </Flex>
        </form>
        {user ? (
          <>
            <Separator size="4" my="4" />
            <Flex direction="column" gap="3">
              <Flex gap="2" align="end">
                <Field label="New password" error={fieldErrors.password}>
                  <TextField.Root
                    type="password"
                    autoComplete="new-password"
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                  />
                </Field>
                <Button
                  variant="soft"
                  disabled={password.length < 8}
                  loading={reset.isPending}
                  onClick={() => reset.mutate({ id: user.id, password })}
                >
                  Reset password
                </Button>
              </Flex>
              <Flex justify="between" align="center">
                <Text size="2" color="gray">
                  {user.status === 'active'
                    ? 'Disabling ends every session at once.'
                    : 'This user cannot sign in.'}
                </Text>
                <Button
                  color={user.status === 'active' ? 'red' : 'green'}
                  variant="soft"
                  loading={status.isPending}
                  onClick={() =>
                    status.mutate({
                      id: user.id,
                      status: user.status === 'active' ? 'disabled' : 'active',
                    })
                  }
                >
                  {user.status === 'active' ? 'Disable user' : 'Enable user'}
                </Button>
              </Flex>
            </Flex>
          </>
        ) : null}
      </Dialog.Content>
    </Dialog.Root>
  );
}
