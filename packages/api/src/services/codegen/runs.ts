/**
 * Generations kept from the console: a run with progress that is saved (who, when, which model
 * and template versions, what changed) even if its subscriber leaves, the history, and any
 * successful run again as a zip. A failed run keeps its error and nothing else: the last good
 * generation stays the one that counts.
 */
import type { CodegenTarget, FileAction } from '@tessera/codegen';
import { AppError } from '@tessera/errors';

import { writeAudit } from '../../audit/write-audit';
import { relay } from '../relay';
import { findProject } from '../schema/projects';
import type { AuthedContext } from '../types';
import {
  compare,
  type FilesByTarget,
  generate,
  type GenerationError,
  type GenerationInput,
  generationError,
  lastSuccessful,
  prepare,
} from './generation';
import { consoleBase } from './history';
import { generator } from './published';

const runSelect = {
  id: true,
  targets: true,
  modelVersion: true,
  templateVersions: true,
  status: true,
  summary: true,
  error: true,
  createdAt: true,
  finishedAt: true,
  createdBy: { select: { email: true } },
} as const;

type RunRow = {
  id: string;
  targets: string[];
  modelVersion: number;
  templateVersions: unknown;
  status: string;
  summary: unknown;
  error: unknown;
  createdAt: Date;
  finishedAt: Date | null;
  createdBy: { email: string } | null;
};

function runView(row: RunRow) {
  return {
    id: row.id,
    targets: row.targets as CodegenTarget[],
    modelVersion: row.modelVersion,
    templateVersions: row.templateVersions as Record<string, number>,
    status: row.status as 'running' | 'succeeded' | 'failed',
    summary: row.summary as Partial<
      Record<CodegenTarget, Partial<Record<FileAction, number>>>
    > | null,
    error: row.error as GenerationError | null,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    by: row.createdBy?.email ?? null,
  };
}

export type RunView = ReturnType<typeof runView>;

export type GenerationEvent =
  | { type: 'started'; runId: string }
  | {
      type: 'progress';
      target: CodegenTarget;
      step: 'render' | 'check';
      done: number;
      total: number;
    }
  | { type: 'done'; run: RunView };

/**
 * Runs a generation and keeps it: a `started` event, progress per file and target, then the
 * kept run (succeeded, or failed with its error). The run finishes and is saved even if the
 * subscriber goes away.
 */
export async function* generationEvents(
  ctx: AuthedContext,
  input: GenerationInput,
): AsyncGenerator<GenerationEvent> {
  const prepared = await prepare(ctx, input);
  const codegen = await generator(ctx);
  const run = await ctx.db.codegenRun.create({
    data: {
      projectId: prepared.projectId,
      targets: input.targets,
      modelVersion: prepared.version,
      templateVersions: prepared.templateVersions,
      status: 'running',
      createdById: ctx.principal.user.id,
    },
    select: { id: true },
  });
  yield* relay<GenerationEvent>(async (emit) => {
    emit({ type: 'started', runId: run.id });
    const last = await lastSuccessful(ctx, prepared.projectId);
    let row: RunRow;
    try {
      const files = await generate(codegen, prepared, input, (target, step, done, total) =>
        emit({ type: 'progress', target, step, done, total }),
      );
      const summary = Object.fromEntries(
        input.targets.map((t) => [t, compare(codegen, last?.files[t], files[t] ?? []).counts]),
      );
      row = await ctx.db.codegenRun.update({
        where: { id: run.id },
        data: {
          status: 'succeeded',
          summary,
          files: files as never,
          finishedAt: new Date(),
        },
        select: runSelect,
      });
    } catch (error) {
      const failure = generationError(error) ?? {
        message: `The generation failed: ${(error as Error).message}`,
      };
      row = await ctx.db.codegenRun.update({
        where: { id: run.id },
        data: { status: 'failed', error: failure as never, finishedAt: new Date() },
        select: runSelect,
      });
      if (!generationError(error)) throw error;
    }
    await writeAudit(ctx.db, ctx, {
      action: 'codegen.run',
      resource: 'project',
      resourceId: input.project,
      after: {
        run: run.id,
        status: row.status,
        targets: input.targets,
        modelVersion: prepared.version,
        templateVersions: prepared.templateVersions,
      },
    });
    emit({ type: 'done', run: runView(row) });
  });
}

/** Projects to generate from: each with its published version (null: nothing to generate yet). */
export async function generationProjects(ctx: AuthedContext) {
  return ctx.db.metaProject.findMany({
    select: { code: true, name: true, publishedVersion: true },
    orderBy: { code: 'asc' },
  });
}

/** The project's generations, newest first. */
export async function listRuns(ctx: AuthedContext, input: { project: string; limit: number }) {
  const project = await findProject(ctx, input.project);
  const rows = await ctx.db.codegenRun.findMany({
    where: { projectId: project.id },
    orderBy: { createdAt: 'desc' },
    take: input.limit,
    select: runSelect,
  });
  return rows.map(runView);
}

/** A kept generation as a zip: each target in its folder, ready for `tessera eject` to regenerate over. */
export async function runArchive(ctx: AuthedContext, id: string) {
  const run = await ctx.db.codegenRun.findUnique({
    where: { id },
    select: {
      projectId: true,
      status: true,
      files: true,
      modelVersion: true,
      createdAt: true,
      project: { select: { code: true } },
    },
  });
  if (!run) throw new AppError('NOT_FOUND', 'No such generation');
  if (run.status !== 'succeeded' || !run.files)
    throw new AppError(
      'VALIDATION',
      `This generation ${run.status === 'failed' ? 'failed' : 'has not finished'}: there is nothing to download`,
    );
  const codegen = await generator(ctx);
  const files = run.files as FilesByTarget;
  const base = (await consoleBase(ctx, run.projectId, run.createdAt)) ?? run.modelVersion;
  const bytes = codegen.ejectionArchive(
    Object.entries(files).map(([target, targetFiles]) => ({
      target,
      files: targetFiles,
      source: { project: run.project.code, version: run.modelVersion, base, target },
    })),
  );
  const stamp = run.createdAt.toISOString().replace(/\D/g, '').slice(0, 14);
  return { bytes, filename: `${run.project.code}-v${run.modelVersion}-${stamp}.zip` };
}
