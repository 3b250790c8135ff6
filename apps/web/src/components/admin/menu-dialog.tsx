'use client';
/** Creates or edits one menu entry. */
import { Button, Dialog, Flex, Select, TextField } from '@radix-ui/themes';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';

import { MENU_ICON_NAMES } from '~/components/shell/menu-icon';
import { DialogButtons } from '~/components/ui/dialog-buttons';
import { Field } from '~/components/ui/field';
import { useFormErrors } from '~/components/ui/use-form-errors';
import { useTRPC } from '~/trpc/react';

export type MenuType = 'directory' | 'page' | 'entity_page';
export interface MenuNode {
  id: string;
  code: string;
  parentId: string | null;
  type: MenuType;
  title: string;
  icon: string | null;
  path: string | null;
  entity: string | null;
  permission: string | null;
  sortOrder: number;
  children: MenuNode[];
}

const NONE = '__none__';

export function MenuDialog({
  menu,
  directories,
  onClose,
}: {
  menu: MenuNode | null;
  directories: MenuNode[];
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { fieldErrors, onError } = useFormErrors();
  const [form, setForm] = useState({
    code: menu?.code ?? '',
    title: menu?.title ?? '',
    type: menu?.type ?? 'page',
    parentId: menu?.parentId ?? NONE,
    icon: menu?.icon ?? NONE,
    path: menu?.path ?? '',
    permission: menu?.permission ?? '',
    sortOrder: String(menu?.sortOrder ?? 0),
  });
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) =>
    setForm({ ...form, [key]: value });
  const done = (message: string) => {
    void queryClient.invalidateQueries({ queryKey: trpc.menu.tree.queryKey() });
    toast.success(message);
    onClose();
  };
  const create = useMutation(
    trpc.menu.create.mutationOptions({ onSuccess: () => done('Menu created'), onError }),
  );
  const update = useMutation(
    trpc.menu.update.mutationOptions({ onSuccess: () => done('Menu saved'), onError }),
  );
  const remove = useMutation(
    trpc.menu.delete.mutationOptions({ onSuccess: () => done('Menu deleted'), onError }),
  );
  const payload = () => ({
    code: form.code,
    title: form.title,
    type: form.type,
    parentId: form.parentId === NONE ? null : form.parentId,
    icon: form.icon === NONE ? null : form.icon,
    path: form.type === 'directory' || !form.path ? null : form.path,
    permission: form.permission || null,
    sortOrder: Number(form.sortOrder) || 0,
  });
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Content maxWidth="520px">
        <Dialog.Title>{menu ? `Edit ${menu.title}` : 'New menu'}</Dialog.Title>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (menu) update.mutate({ id: menu.id, ...payload() });
            else create.mutate(payload());
          }}
        >
          <Flex direction="column" gap="3">
            <Flex gap="3">
              <Field label="Title" error={fieldErrors.title}>
                <TextField.Root
                  required
                  value={form.title}
                  onChange={(e) => set('title', e.target.value)}
                />
              </Field>
              <Field label="Code" error={fieldErrors.code}>
                <TextField.Root
                  required
                  value={form.code}
                  onChange={(e) => set('code', e.target.value)}
                />
              </Field>
            </Flex>
            <Flex gap="3">
              <Field label="Type">
                <Select.Root value={form.type} onValueChange={(v) => set('type', v as MenuType)}>
                  <Select.Trigger />
                  <Select.Content>
                    <Select.Item value="directory">Directory</Select.Item>
                    <Select.Item value="page">Page</Select.Item>
                    <Select.Item value="entity_page">Entity page</Select.Item>
                  </Select.Content>
                </Select.Root>
              </Field>
              <Field label="Parent" error={fieldErrors.parentId}>
                <Select.Root value={form.parentId} onValueChange={(v) => set('parentId', v)}>
                  <Select.Trigger />
                  <Select.Content>
                    <Select.Item value={NONE}>Top level</Select.Item>
                    {directories
                      .filter((d) => d.id !== menu?.id)
                      .map((d) => (
                        <Select.Item key={d.id} value={d.id}>
                          {d.title}
                        </Select.Item>
                      ))}
                  </Select.Content>
                </Select.Root>
              </Field>
              <Field label="Icon">
                <Select.Root value={form.icon} onValueChange={(v) => set('icon', v)}>
                  <Select.Trigger />
                  <Select.Content>
                    <Select.Item value={NONE}>None</Select.Item>
                    {MENU_ICON_NAMES.map((name) => (
                      <Select.Item key={name} value={name}>
                        {name}
                      </Select.Item>
                    ))}
                  </Select.Content>
                </Select.Root>
              </Field>
            </Flex>
            {form.type !== 'directory' ? (
              <Field label="Path" error={fieldErrors.path}>
                <TextField.Root
                  placeholder="/reports"
                  value={form.path}
                  onChange={(e) => set('path', e.target.value)}
                />
              </Field>
            ) : null}
            <Flex gap="3">
              <Field
                label="Permission needed"
                error={fieldErrors.permission}
                hint="e.g. data:read; empty for everyone"
              >
                <TextField.Root
                  value={form.permission}
                  onChange={(e) => set('permission', e.target.value)}
                />
              </Field>
              <Field label="Order" error={fieldErrors.sortOrder}>
                <TextField.Root
                  type="number"
                  value={form.sortOrder}
                  onChange={(e) => set('sortOrder', e.target.value)}
                />
              </Field>
            </Flex>
            <Flex gap="3" justify="between" mt="2">
              {menu ? (
                <Button
                  type="button"
                  color="red"
                  variant="soft"
                  loading={remove.isPending}
                  onClick={() => remove.mutate({ id: menu.id })}
                >
                  Delete
                </Button>
              ) : (
                <span />
              )}
              <Flex gap="3">
                <DialogButtons pending={create.isPending || update.isPending}>Save</DialogButtons>
              </Flex>
            </Flex>
          </Flex>
        </form>
      </Dialog.Content>
    </Dialog.Root>
  );
}
