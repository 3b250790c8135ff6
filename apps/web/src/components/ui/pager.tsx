'use client';
import { Button, Flex, Text } from '@radix-ui/themes';

export function Pager({
  page,
  perPage,
  total,
  onPage,
}: {
  page: number;
  perPage: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (total <= perPage) return null;
  return (
    <Flex justify="end" align="center" gap="3" mt="3">
      <Text size="2" color="gray">
        Page {page} of {pages} · {total} in all
      </Text>
      <Button size="1" variant="soft" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </Button>
      <Button size="1" variant="soft" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next
      </Button>
    </Flex>
  );
}
