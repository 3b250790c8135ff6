'use client';
/**
 * A project's code generation templates: every built-in template of a target, the project's
 * own version where it has one, an editor with highlighting, a preview rendered for a chosen
 * entity (or the template's error and line), and the saved versions with restore and back to
 * built-in. The next generation uses what is saved here.
 */
import { Badge, Box, Flex, Grid, Select, Text, TextField } from '@radix-ui/themes';
import type { CodegenTarget } from '@tessera/codegen/targets';
import { useQuery } from '@tanstack/react-query';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';

import { PageHeader } from '~/components/ui/page-header';
import { EmptyState, ErrorState } from '~/components/ui/states';
import { useTRPC } from '~/trpc/react';

import { TARGET_LABEL, TARGETS } from './labels';
import { TemplateEditor } from './template-editor';

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
