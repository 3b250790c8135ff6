/** The Cancel and submit buttons that end every form dialog. */
import { Button, Dialog } from '@radix-ui/themes';
import type { ReactNode } from 'react';

export function DialogButtons({
  children,
  pending,
  disabled,
}: {
  children: ReactNode;
  pending?: boolean;
  disabled?: boolean;
}) {
  return (
    <>
      <Dialog.Close>
        <Button variant="soft" color="gray" type="button">
          Cancel
        </Button>
      </Dialog.Close>
      <Button type="submit" loading={pending} disabled={disabled}>
        {children}
      </Button>
    </>
  );
}
