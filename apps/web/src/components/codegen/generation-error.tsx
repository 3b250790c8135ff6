'use client';
/** Why a generation failed: the message, and the template and line to look at. */
import { Callout, Code, Flex, Link, Text } from '@radix-ui/themes';
import NextLink from 'next/link';

import type { GenerationFailure } from './types';

export function GenerationError({ error, project }: { error: GenerationFailure; project: string }) {
  return (
    <Callout.Root color="red" role="alert" aria-label="Generation failed">
      <Flex direction="column" gap="1">
        <Callout.Text weight="medium">{error.message}</Callout.Text>
        {error.template ? (
          <Text size="2">
            Template <Code>{error.template}</Code>
            {error.line ? <> , line {error.line}</> : null} ·{' '}
            <Link asChild>
              <NextLink
                href={`/codegen/templates?project=${encodeURIComponent(project)}&template=${encodeURIComponent(error.template)}`}
              >
                Open the template
              </NextLink>
            </Link>
          </Text>
        ) : null}
        {error.typeErrors?.slice(0, 8).map((e) => (
          <Text size="1" key={`${e.path}:${e.line}:${e.column}`}>
            <Code>
              {e.path}:{e.line}:{e.column}
            </Code>{' '}
            {e.code} {e.message}
            {e.excerpt ? (
              <>
                {' '}
                in <Code>{e.excerpt}</Code>
              </>
            ) : null}
          </Text>
        ))}
        {(error.typeErrors?.length ?? 0) > 8 ? (
          <Text size="1">…and {error.typeErrors!.length - 8} more</Text>
        ) : null}
        <Text size="1" color="gray">
          Nothing was replaced: the last successful generation is still the current one.
        </Text>
      </Flex>
    </Callout.Root>
  );
}
