'use client';
/** One generated file: what happens to it, its content, and its changes since the last generation. */
import { Badge, Box, Card, Flex, Tabs, Text } from '@radix-ui/themes';

import { FileDiff } from './file-diff';
import type { PlannedTarget } from './types';

export function FileView({ file }: { file: PlannedTarget['files'][number] }) {
  const hasChanges = file.previous !== null;
  return (
    <Card>
      <Flex justify="between" align="center" mb="2" gap="2" wrap="wrap">
        <Text size="2" weight="medium" aria-label="Open file">
          {file.path}
        </Text>
        <Flex gap="2" align="center">
          <Badge color={file.ownership === 'owned' ? 'purple' : 'gray'}>
            {file.ownership === 'owned' ? "developer's file" : 'generated'}
          </Badge>
          <Text size="1" color="gray">
            {file.action}: {file.reason}
          </Text>
        </Flex>
      </Flex>
      <Tabs.Root defaultValue={hasChanges ? 'changes' : 'file'}>
        <Tabs.List>
          <Tabs.Trigger value="file" disabled={file.content === null}>
            File
          </Tabs.Trigger>
          <Tabs.Trigger value="changes" disabled={!hasChanges}>
            Changes
          </Tabs.Trigger>
        </Tabs.List>
        <Box pt="2">
          <Tabs.Content value="file">
            <pre className="code-view" aria-label="File content">
              {file.content}
            </pre>
          </Tabs.Content>
          <Tabs.Content value="changes">
            {hasChanges ? <FileDiff before={file.previous!} after={file.content ?? ''} /> : null}
          </Tabs.Content>
        </Box>
      </Tabs.Root>
    </Card>
  );
}
