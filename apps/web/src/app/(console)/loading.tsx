import { Flex, Skeleton } from '@radix-ui/themes';

export default function Loading() {
  return (
    <Flex direction="column" gap="3" aria-busy="true">
      <Skeleton height="32px" width="240px" />
      <Skeleton height="18px" width="420px" />
      <Skeleton height="240px" />
    </Flex>
  );
}
