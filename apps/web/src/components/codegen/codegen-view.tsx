'use client';
/**
 * The code generation page: pick a project and targets, see every file the generation would
 * write (and what happens to it against the last generation), open any file and its changes,
 * generate with a progress bar, and download this or any earlier generation as a zip.
 */
import {
  Badge,
  Box,
  Button,
  Card,
  Checkbox,
  Flex,
  Grid,
  Heading,
  Select,
  Text,
} from '@radix-ui/themes';
import type { CodegenTarget } from '@tessera/codegen/targets';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, Play, RefreshCw } from 'lucide-react';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';

import { PageHeader } from '~/components/ui/page-header';
import { EmptyState, ErrorState } from '~/components/ui/states';
import { describeError, useTRPC, useTRPCClient } from '~/trpc/react';

import { FileTree } from './file-tree';
import { FileView } from './file-view';
import { GenerationError } from './generation-error';
import { countsText, TARGET_LABEL, TARGETS } from './labels';
import { type RunProgress, RunProgressBar } from './run-progress';
import { RunsTable } from './runs-table';
import type { GenerationRun, PlannedTarget } from './types';

export function CodegenView() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const router = useRouter();
  const params = useSearchParams();
  const projects = useQuery(trpc.codegen.projects.queryOptions());
  const published = (projects.data ?? []).filter((p) => p.publishedVersion !== null);
  const project = params.get('project') ?? published[0]?.code ?? null;
  const [targets, setTargets] = useState<CodegenTarget[]>(['nestjs-prisma']);
  const input = project ? { project, targets } : null;
  const plan = useQuery({
    // Rendering a whole generation takes seconds: sent alone, it holds up no other call.
    ...trpc.codegen.plan.queryOptions(input ?? { project: '', targets }, {
      trpc: { context: { skipBatch: true } },
    }),
    enabled: input !== null && targets.length > 0,
    staleTime: 0,
  });
  const runs = useQuery({
    ...trpc.codegen.runs.queryOptions({ project: project ?? '' }),
    enabled: project !== null,
  });
  const [selected, setSelected] = useState<{ target: CodegenTarget; path: string } | null>(null);
  const [progress, setProgress] = useState<RunProgress | 'starting' | null>(null);
  const [finished, setFinished] = useState<GenerationRun | null>(null);

  const choose = (code: string) => {
    setSelected(null);
    setFinished(null);
    router.replace(`/codegen?project=${encodeURIComponent(code)}`);
  };
  const toggleTarget = (target: CodegenTarget, on: boolean) => {
    setSelected(null);
    setTargets((now) => TARGETS.filter((t) => (t === target ? on : now.includes(t))));
  };

  const generate = () => {
    if (!input) return;
    setProgress('starting');
    setFinished(null);
    const subscription = client.codegen.generate.subscribe(input, {
      onData: (event) => {
        if (event.type === 'progress') setProgress(event);
        if (event.type !== 'done') return;
        subscription.unsubscribe();
        setProgress(null);
        setFinished(event.run);
        // The history shows the run at once; the refetch below confirms it.
        queryClient.setQueryData(trpc.codegen.runs.queryKey({ project: input.project }), (runs) =>
          runs ? [event.run, ...runs.filter((r) => r.id !== event.run.id)] : [event.run],
        );
        if (event.run.status === 'succeeded') toast.success('Generated');
        else toast.error('The generation failed; nothing was replaced');
        void queryClient.invalidateQueries({ queryKey: trpc.codegen.runs.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.codegen.plan.queryKey() });
      },
      onError: (error) => {
        setProgress(null);
        toast.error(describeError(error).message);
      },
    });
  };

  if (projects.error) return <ErrorState error={projects.error} />;
  const planned = plan.data?.ok ? plan.data.targets : [];
  const file = selected
    ? planned.find((t) => t.target === selected.target)?.files.find((f) => f.path === selected.path)
    : undefined;

  return (
    <>
      <PageHeader
        title="Code generation"
        description="What the published model and the project's templates generate, against the last generation."
      />
      {projects.data && published.length === 0 ? (
        <EmptyState
          title="No published project"
          hint="Publish a project's model to generate code from it."
        />
      ) : null}
      {project ? (
        <Flex direction="column" gap="4">
          <Card>
            <Flex gap="5" align="center" wrap="wrap">
              <Flex gap="2" align="center">
                <Text size="2" weight="medium">
                  Project
                </Text>
                <Select.Root value={project} onValueChange={choose}>
                  <Select.Trigger aria-label="Project" />
                  <Select.Content>
                    {published.map((p) => (
                      <Select.Item key={p.code} value={p.code}>
                        {p.name} (v{p.publishedVersion})
                      </Select.Item>
                    ))}
                  </Select.Content>
                </Select.Root>
              </Flex>
              <Flex gap="3" align="center" role="group" aria-label="Targets">
                {TARGETS.map((target) => (
                  <Text as="label" size="2" key={target}>
                    <Flex gap="1" align="center">
                      <Checkbox
                        checked={targets.includes(target)}
                        onCheckedChange={(on) => toggleTarget(target, on === true)}
                      />
                      {TARGET_LABEL[target]}
                    </Flex>
                  </Text>
                ))}
              </Flex>
              <Flex gap="2" ml="auto">
                <Button
                  variant="soft"
                  onClick={() => void plan.refetch()}
                  loading={plan.isFetching}
                >
                  <RefreshCw size={14} /> Preview again
                </Button>
                <Button onClick={generate} disabled={targets.length === 0 || progress !== null}>
                  <Play size={14} /> Generate
                </Button>
              </Flex>
            </Flex>
          </Card>

          {progress ? <RunProgressBar progress={progress} targets={targets} /> : null}
          {finished?.status === 'failed' && finished.error ? (
            <GenerationError error={finished.error} project={project} />
          ) : null}
          {finished?.status === 'succeeded' ? (
            <Card>
              <Flex justify="between" align="center" role="status" aria-label="Generation done">
                <Text size="2">
                  Generated from model v{finished.modelVersion}:{' '}
                  {finished.targets
                    .map((t) => `${TARGET_LABEL[t]} ${countsText(finished.summary?.[t])}`)
                    .join('; ')}
                </Text>
                <Button asChild>
                  <a href={`/api/codegen/runs/${finished.id}/archive`} download>
                    <Download size={14} /> Download zip
                  </a>
                </Button>
              </Flex>
            </Card>
          ) : null}

          {plan.error ? (
            <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />
          ) : null}
          {/* A failed run says the same as its plan: shown once. */}
          {plan.data && !plan.data.ok && finished?.status !== 'failed' ? (
            <GenerationError error={plan.data.error} project={project} />
          ) : null}
          {plan.isFetching && !plan.data ? <Text color="gray">Rendering a preview…</Text> : null}
          {plan.data?.ok ? (
            <Grid columns="minmax(260px, 1fr) minmax(0, 3fr)" gap="4">
              <Box>
                <Text as="p" size="1" color="gray" mb="2">
                  {plan.data.last
                    ? `Compared with the generation of ${plan.data.last.createdAt.toLocaleString()} (model v${plan.data.last.modelVersion})`
                    : 'No generation yet: every file is new'}
                </Text>
                {planned.map((t) => (
                  <TargetFiles
                    key={t.target}
                    planned={t}
                    selected={selected}
                    onSelect={setSelected}
                  />
                ))}
              </Box>
              <Box minWidth="0">
                {file ? (
                  <FileView key={`${selected?.target}/${file.path}`} file={file} />
                ) : (
                  <Text color="gray" size="2">
                    Choose a file to see it and what changed.
                  </Text>
                )}
              </Box>
            </Grid>
          ) : null}

          <Heading size="4" mt="4">
            Generations
          </Heading>
          {runs.error ? <ErrorState error={runs.error} /> : <RunsTable runs={runs.data ?? []} />}
        </Flex>
      ) : null}
    </>
  );
}

function TargetFiles({
  planned,
  selected,
  onSelect,
}: {
  planned: PlannedTarget;
  selected: { target: CodegenTarget; path: string } | null;
  onSelect: (file: { target: CodegenTarget; path: string }) => void;
}) {
  return (
    <Box mb="3">
      <Flex justify="between" align="center" mb="1">
        <Text size="2" weight="medium">
          {TARGET_LABEL[planned.target]}
        </Text>
        <Badge color="gray" aria-label={`${planned.target} summary`}>
          {countsText(planned.counts)}
        </Badge>
      </Flex>
      <FileTree
        label={`${TARGET_LABEL[planned.target]} files`}
        files={planned.files}
        selected={selected?.target === planned.target ? selected.path : null}
        onSelect={(path) => onSelect({ target: planned.target, path })}
      />
    </Box>
  );
}
