'use client';
/** Two versions of a text, line by line: added lines green, removed red. */
import { Box, Text } from '@radix-ui/themes';
import { diffLines } from 'diff';
import { useMemo } from 'react';

export function FileDiff({
  before,
  after,
  since = 'since the last generation',
}: {
  before: string;
  after: string;
  /** What `before` is, as the summary line says it. */
  since?: string;
}) {
  const parts = useMemo(() => diffLines(before, after), [before, after]);
  const changed = parts.filter((p) => p.added || p.removed).length;
  return (
    <Box>
      <Text as="p" size="1" color="gray" mb="1">
        {changed === 0 ? `No change ${since}` : `${changed} change(s) ${since}`}
      </Text>
      <pre className="code-view" aria-label="Changes">
        {parts.map((part, i) => (
          <span
            key={i}
            className={part.added ? 'diff-added' : part.removed ? 'diff-removed' : undefined}
            data-diff={part.added ? 'added' : part.removed ? 'removed' : undefined}
          >
            {part.value
              .replace(/\n$/, '')
              .split('\n')
              .map((line) => `${part.added ? '+ ' : part.removed ? '- ' : '  '}${line}`)
              .join('\n')}
            {'\n'}
          </span>
        ))}
      </pre>
    </Box>
  );
}
