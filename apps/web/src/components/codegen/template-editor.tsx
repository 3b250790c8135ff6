'use client';
/**
 * One template of a project: the editor, a preview rendered for a chosen entity as you type (or
 * the template's error and line), save with a note, back to built-in, and its versions.
 */
import {
  Badge,
  Box,
  Button,
  Callout,
  Card,
  Code,
  Flex,
  Grid,
  Select,
  Tabs,
  Text,
  TextField,
} from '@radix-ui/themes';
import type { CodegenTarget } from '@tessera/codegen/targets';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';

import { ErrorState } from '~/components/ui/states';
import { describeError, useTRPC } from '~/trpc/react';

import { FileDiff } from './file-diff';
import { TemplateCodeEditor } from './template-code-editor';
import { TemplateVersions } from './template-versions';
import type { TemplatePreview } from './types';

export function TemplateEditor({
  project,
  target,
  name,
  entities,
}: {
  project: string;
  target: CodegenTarget;
  name: string;
  entities: string[];
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ref = { project, target, name };
  const source = useQuery(trpc.codegen.templates.source.queryOptions(ref));
  const [text, setText] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const perEntity = name.startsWith('entity/');
  const [entity, setEntity] = useState<string | null>(null);
  const chosenEntity = perEntity ? (entity ?? entities[0] ?? null) : null;
  const shown = text ?? source.data?.source ?? '';

  const preview = useMutation(trpc.codegen.templates.preview.mutationOptions());
  const runPreview = preview.mutate;
  // Rendered a moment after typing stops, and when the entity changes.
  useEffect(() => {
    if (!source.data) return;
    const timer = setTimeout(
      () =>
        runPreview({
          ...ref,
          source: shown,
          ...(chosenEntity ? { entity: chosenEntity } : {}),
        }),
      text === null ? 0 : 500,
    );
    return () => clearTimeout(timer);
  }, [shown, chosenEntity, source.data]); // eslint-disable-line react-hooks/exhaustive-deps

  const done = (message: string) => {
    toast.success(message);
    setText(null);
    setNote('');
    void queryClient.invalidateQueries({ queryKey: trpc.codegen.templates.source.queryKey(ref) });
    void queryClient.invalidateQueries({ queryKey: trpc.codegen.templates.list.queryKey() });
  };
  const onError = (e: unknown) => toast.error(describeError(e).message);
  const save = useMutation(
    trpc.codegen.templates.save.mutationOptions({
      onSuccess: ({ version }) => done(`Saved as version ${version}`),
      onError,
    }),
  );
  const restore = useMutation(
    trpc.codegen.templates.restore.mutationOptions({
      onSuccess: ({ version }) => done(`Restored as version ${version}`),
      onError,
    }),
  );
  const reset = useMutation(
    trpc.codegen.templates.reset.mutationOptions({
      onSuccess: () => done('Back to the built-in template'),
      onError,
    }),
  );

  if (source.error)
    return <ErrorState error={source.error} onRetry={() => void source.refetch()} />;
  if (!source.data) return <Text color="gray">Loading…</Text>;
  return (
    <Flex direction="column" gap="3">
      <Flex justify="between" align="center" wrap="wrap" gap="2">
        <Flex gap="2" align="center">
          <Code size="3">{name}</Code>
          {source.data.overridden ? (
            <Badge color="purple">this project's version</Badge>
          ) : (
            <Badge color="gray">built-in</Badge>
          )}
          {text !== null ? <Badge color="amber">unsaved</Badge> : null}
        </Flex>
        {perEntity ? (
          <Flex gap="2" align="center">
            <Text size="2">Preview for</Text>
            <Select.Root value={chosenEntity ?? undefined} onValueChange={setEntity}>
              <Select.Trigger aria-label="Preview entity" placeholder="No entity published" />
              <Select.Content>
                {entities.map((e) => (
                  <Select.Item key={e} value={e}>
                    {e}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select.Root>
          </Flex>
        ) : null}
      </Flex>
      <Grid columns="minmax(0, 1fr) minmax(0, 1fr)" gap="3">
        <Box height="520px" style={{ border: '1px solid var(--gray-a6)', borderRadius: 6 }}>
          <TemplateCodeEditor name={name} value={shown} onChange={setText} />
        </Box>
        <Box height="520px" overflow="auto">
          <PreviewPane preview={preview.data} pending={preview.isPending} error={preview.error} />
        </Box>
      </Grid>
      <Flex gap="2" justify="between" align="center" wrap="wrap">
        <Button
          variant="soft"
          color="gray"
          disabled={!source.data.overridden}
          loading={reset.isPending}
          onClick={() => reset.mutate(ref)}
        >
          Back to built-in
        </Button>
        <Flex gap="2" align="center">
          <TextField.Root
            placeholder="What changed (optional)"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-label="Note"
          />
          <Button
            variant="soft"
            color="gray"
            disabled={text === null}
            onClick={() => setText(null)}
          >
            Discard
          </Button>
          <Button
            disabled={text === null}
            loading={save.isPending}
            onClick={() => save.mutate({ ...ref, source: shown, note: note || null })}
          >
            Save
          </Button>
        </Flex>
      </Flex>
      <Tabs.Root defaultValue="versions">
        <Tabs.List>
          <Tabs.Trigger value="versions">Versions</Tabs.Trigger>
          <Tabs.Trigger value="builtin">Changes from built-in</Tabs.Trigger>
        </Tabs.List>
        <Box pt="2">
          <Tabs.Content value="versions">
            <TemplateVersions
              versions={source.data.versions}
              builtIn={source.data.builtIn}
              onRestore={(version) => restore.mutate({ ...ref, version })}
            />
          </Tabs.Content>
          <Tabs.Content value="builtin">
            <FileDiff
              before={source.data.builtIn}
              after={shown}
              since="from the built-in template"
            />
          </Tabs.Content>
        </Box>
      </Tabs.Root>
    </Flex>
  );
}

function PreviewPane({
  preview,
  pending,
  error,
}: {
  preview: TemplatePreview | undefined;
  pending: boolean;
  error: unknown;
}) {
  if (error) return <ErrorState error={error} />;
  if (!preview) return <Text color="gray">{pending ? 'Rendering…' : ''}</Text>;
  if (!preview.ok)
    return (
      <Callout.Root color="red" role="alert" aria-label="Template error">
        <Callout.Text>
          <Code>{preview.template}</Code>
          {preview.line ? `, line ${preview.line}` : ''}: {preview.message}
        </Callout.Text>
      </Callout.Root>
    );
  return (
    <Card>
      <Text as="p" size="1" color="gray" mb="1">
        {preview.path}
        {preview.entity ? ` (for ${preview.entity})` : ''}
        {pending ? ' · rendering…' : ''}
      </Text>
      <pre className="code-view" aria-label="Preview output">
        {preview.content}
      </pre>
    </Card>
  );
}
