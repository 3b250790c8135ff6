'use client';
import { Button, Callout, Flex } from '@radix-ui/themes';

export default function ConsoleError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <Flex direction="column" gap="3" maxWidth="560px">
      <Callout.Root color="red" role="alert">
        <Callout.Text>
          This page failed to load{error.digest ? ` (reference ${error.digest})` : ''}.
        </Callout.Text>
      </Callout.Root>
      <Button onClick={reset} style={{ alignSelf: 'start' }}>
        Try again
      </Button>
    </Flex>
  );
}
