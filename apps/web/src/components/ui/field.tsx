/**
 * A labelled form control with its hint or validation message. The message sits outside the
 * label so the control's accessible name stays the label alone.
 */
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
    <Flex direction="column" gap="1">
      <Flex direction="column" gap="1" asChild>
        <label>
          <Text size="2" weight="medium">
            {label}
          </Text>
          {children}
        </label>
      </Flex>
      {error ? (
        <Text size="1" color="red" role="alert">
          {error}
        </Text>
      ) : hint ? (
        <Text size="1" color="gray">
          {hint}
        </Text>
      ) : null}
    </Flex>
  );
}
