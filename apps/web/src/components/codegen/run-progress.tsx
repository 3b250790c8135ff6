'use client';
/** A generation's progress: which target (of how many), and how many of its files are done. */
import { Flex, Progress, Text } from '@radix-ui/themes';
import type { CodegenTarget } from '@tessera/codegen/targets';

import { TARGET_LABEL } from './labels';

export interface RunProgress {
  target: CodegenTarget;
  step: 'render' | 'check';
  done: number;
  total: number;
}

export function RunProgressBar({
  progress,
  targets,
}: {
  progress: RunProgress | 'starting';
  targets: CodegenTarget[];
}) {
  const label =
    progress === 'starting'
      ? 'Starting…'
      : `${TARGET_LABEL[progress.target]} (${targets.indexOf(progress.target) + 1} of ${targets.length}): ${
          progress.step === 'check'
            ? 'checking types'
            : `${progress.done} of ${progress.total} files`
        }`;
  const value =
    progress === 'starting' || progress.total === 0 ? 0 : (progress.done / progress.total) * 100;
  return (
    <Flex direction="column" gap="1" data-testid="codegen-progress">
      <Progress value={value} aria-label="Generation progress" />
      <Text size="1" color="gray">
        {label}
      </Text>
    </Flex>
  );
}
