'use client';
/**
 * A project's code generation templates: every built-in template of a target, the project's
 * own version where it has one, an editor with highlighting, a preview rendered for a chosen
 * entity (or the template's error and line), and the saved versions with restore and back to
 * built-in. The next generation uses what is saved here.
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
  Table,
  Tabs,
  Text,
  TextField,
} from '@radix-ui/themes';
import type { CodegenTarget } from '@tessera/codegen/targets';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';

import { PageHeader } from '~/components/ui/page-header';
import { EmptyState, ErrorState } from '~/components/ui/states';
import { describeError, useTRPC } from '~/trpc/react';

import { FileDiff } from './file-diff';
import { TARGET_LABEL, TARGETS } from './labels';
import { TemplateCodeEditor } from './template-code-editor';
import type { TemplatePreview } from './types';

export function TemplatesView() {
  const trpc = useTRPC();
  const router = useRouter();
  const params = useSearchParams();
  const projects = useQuery(trpc.codegen.projects.queryOptions());
  const project = params.get('project') ?? projects.data?.[0]?.code ?? null;
  const target = (params.get('target') as CodegenTarget | null) ?? 'nestjs-prisma';
  const name = params.get('template');
  const [filter, setFilter] = useState('');
  const list = useQuery({
    ...trpc.codegen.templates.list.queryOptions({ project: project ?? '', target }),
    enabled: project !== null,
  });

  const go = (next: { project?: string; target?: string; template?: string | null }) => {
    const query = new URLSearchParams();
    query.set('project', next.project ?? project ?? '');
    query.set('target', next.target ?? target);
    const template = next.template === undefined ? name : next.template;
    if (template) query.set('template', template);
    router.replace(`/codegen/templates?${query.toString()}`);
  };

  if (projects.error) return <ErrorState error={projects.error} />;
  const templates = (list.data?.templates ?? []).filter((t) => t.name.includes(filter.trim()));

  return (
    <>
      <PageHeader
        title="Templates"
        description="The templates code generation renders, and this project's own versions of them."
      />
      {projects.data?.length === 0 ? <EmptyState title="No project yet" /> : null}
      {project ? (
        <Grid columns="minmax(260px, 1fr) minmax(0, 3fr)" gap="4">
          <Flex direction="column" gap="2">
            <Select.Root
              value={project}
              onValueChange={(code) => go({ project: code, template: null })}
            >
              <Select.Trigger aria-label="Project" />
              <Select.Content>
                {(projects.data ?? []).map((p) => (
                  <Select.Item key={p.code} value={p.code}>
                    {p.name}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select.Root>
            <Select.Root value={target} onValueChange={(t) => go({ target: t, template: null })}>
              <Select.Trigger aria-label="Target" />
              <Select.Content>
                {TARGETS.map((t) => (
                  <Select.Item key={t} value={t}>
                    {TARGET_LABEL[t]}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select.Root>
            <TextField.Root
              placeholder="Find a template"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              aria-label="Find a template"
            />
            {list.error ? <ErrorState error={list.error} /> : null}
            {list.data && list.data.templates.length === 0 ? (
              <Text size="2" color="gray">
                {TARGET_LABEL[target]} are written from the model without templates.
              </Text>
            ) : null}
            <Box asChild style={{ maxHeight: 560, overflow: 'auto' }}>
              <ul className="template-list" aria-label="Templates">
                {templates.map((t) => (
                  <li key={t.name}>
                    <button
                      type="button"
                      className="file-tree-row"
                      data-selected={t.name === name || undefined}
                      onClick={() => go({ template: t.name })}
                    >
                      <Text size="2" style={{ flex: 1 }}>
                        {t.name}
                      </Text>
                      {t.overridden ? (
                        <Badge size="1" color="purple">
                          edited v{t.version}
                        </Badge>
                      ) : null}
                    </button>
                  </li>
                ))}
              </ul>
            </Box>
          </Flex>
          <Box minWidth="0">
            {name ? (
              <TemplateEditor
                key={`${project}/${target}/${name}`}
                project={project}
                target={target}
                name={name}
                entities={list.data?.entities ?? []}
              />
            ) : (
              <Text color="gray" size="2">
                Choose a template to see and change it.
              </Text>
            )}
          </Box>
        </Grid>
      ) : null}
    </>
  );
}

function TemplateEditor({
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
            {source.data.versions.length === 0 ? (
              <Text size="2" color="gray">
                The built-in template; this project has not changed it.
              </Text>
            ) : (
              <section aria-label="Template versions">
                <Table.Root variant="surface">
                  <Table.Header>
                    <Table.Row>
                      <Table.ColumnHeaderCell>Version</Table.ColumnHeaderCell>
                      <Table.ColumnHeaderCell>Saved</Table.ColumnHeaderCell>
                      <Table.ColumnHeaderCell>By</Table.ColumnHeaderCell>
                      <Table.ColumnHeaderCell>Note</Table.ColumnHeaderCell>
                      <Table.ColumnHeaderCell />
                    </Table.Row>
                  </Table.Header>
                  <Table.Body>
                    {source.data.versions.map((v, i) => (
                      <Table.Row key={v.version}>
                        <Table.Cell>
                          {v.version} {i === 0 ? <Badge>current</Badge> : null}{' '}
                          {v.builtIn ? <Badge color="gray">built-in</Badge> : null}
                        </Table.Cell>
                        <Table.Cell>{v.createdAt.toLocaleString()}</Table.Cell>
                        <Table.Cell>{v.by ?? '—'}</Table.Cell>
                        <Table.Cell>{v.note ?? ''}</Table.Cell>
                        <Table.Cell>
                          {i > 0 ? (
                            <Button
                              size="1"
                              variant="soft"
                              onClick={() => restore.mutate({ ...ref, version: v.version })}
                            >
                              Restore
                            </Button>
                          ) : null}
                        </Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table.Root>
              </section>
            )}
          </Tabs.Content>
          <Tabs.Content value="builtin">
            <FileDiff before={source.data.builtIn} after={shown} />
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
