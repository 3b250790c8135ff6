import { Flex, Heading, Text } from '@radix-ui/themes';
import type { ReactNode } from 'react';

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: string;
  actions?: ReactNode;
}) {
  return (
    <Flex justify="between" align="end" mb="5" gap="4" wrap="wrap">
      <div>
        <Heading size="6">{title}</Heading>
        {description ? (
          <Text as="p" color="gray" size="2" mt="1">
            {description}
          </Text>
        ) : null}
      </div>
      {actions ? <Flex gap="2">{actions}</Flex> : null}
    </Flex>
  );
}
