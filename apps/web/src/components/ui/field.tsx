/** A labelled form control with its validation message. */
import { Flex, Text } from '@radix-ui/themes';
import type { ReactNode } from 'react';

export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <Flex direction="column" gap="1" asChild>
      <label>
        <Text size="2" weight="medium">
          {label}
        </Text>
        {children}
        {error ? (
          <Text size="1" color="red" role="alert">
            {error}
          </Text>
        ) : hint ? (
          <Text size="1" color="gray">
            {hint}
          </Text>
        ) : null}
      </label>
    </Flex>
  );
}
