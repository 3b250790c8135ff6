import { Button, Flex, Heading, Text } from '@radix-ui/themes';
import Link from 'next/link';

export default function NotFound() {
  return (
    <Flex direction="column" align="center" justify="center" gap="3" style={{ minHeight: '60vh' }}>
      <Heading>Page not found</Heading>
      <Text color="gray">There is nothing at this address.</Text>
      <Button asChild>
        <Link href="/">Go home</Link>
      </Button>
    </Flex>
  );
}
