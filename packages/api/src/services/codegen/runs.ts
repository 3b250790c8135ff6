/**
 * Code generation from the console: what a generation would produce for a project (each
 * target's files, what happens to each against the last generation, and the last content for a
 * diff), a run with progress that is kept (who, when, which model and template versions, what
 * changed) and can be downloaded again as a zip. A run that fails (a template error, output
 * that no longer type-checks) keeps its error and nothing else: the last good generation stays
 * the one that counts.
 */
import type {
  CodegenTarget,
  FileAction,
  GeneratedFile,
  MigrationHistory,
  TypeProblem,
} from '@tessera/codegen';
import { AppError, findAppError } from '@tessera/errors';

import { writeAudit } from '../../audit/write-audit';
import type { Codegen } from '../../context';
import { findProject } from '../schema/projects';
import type { AuthedContext } from '../types';
import { generator, publishedModel } from './published';
import { consoleBase, migrationHistory } from './history';
import { relay } from '../relay';
import { currentOverrides } from './templates';

export interface GenerationInput {
  project: string;
  targets: CodegenTarget[];
  serviceUrl?: string;
}

type FilesByTarget = Partial<Record<CodegenTarget, GeneratedFile[]>>;

/** What a failed generation says: the message, and the template and line when one is to blame. */
export interface GenerationError {
  message: string;
  template?: string;
  line?: number;
  /** Type errors the project's templates brought into the output, each with its line of code. */
  typeErrors?: (TypeProblem & { template: string | null; excerpt: string })[];
}

async function lastSuccessful(ctx: AuthedContext, projectId: string) {
  const run = await ctx.db.codegenRun.findFirst({
    where: { projectId, status: 'succeeded' },
    orderBy: { createdAt: 'desc' },
    select: { id: true, createdAt: true, modelVersion: true, files: true },
  });
  return run ? { ...run, files: (run.files ?? {}) as FilesByTarget } : null;
}

/** Each file's fate against the last generation, as regenerating in place would decide it. */
function compare(codegen: Codegen, previous: GeneratedFile[] | undefined, next: GeneratedFile[]) {
  const before = previous ? new Map(previous.map((f) => [f.path, f])) : null;
  const plan = codegen.planRegeneration({
    next,
    onDisk: (p) => before?.get(p)?.content ?? null,
    previous: before
      ? new Map([...before].map(([p, f]) => [p, { ownership: f.ownership, content: f.content }]))
      : null,
    ignored: () => false,
  });
  const counts: Partial<Record<FileAction, number>> = {};
  for (const file of plan) counts[file.action] = (counts[file.action] ?? 0) + 1;
  return { plan, counts };
}

interface Prepared {
  projectId: string;
  document: Awaited<ReturnType<typeof publishedModel>>['document'];
  version: number;
  templates: Partial<Record<CodegenTarget, Record<string, string>>>;
  templateVersions: Record<string, number>;
  /** The version the project's generated migrations start from. */
  base: number;
  migrations: MigrationHistory | undefined;
}

async function prepare(ctx: AuthedContext, input: GenerationInput): Promise<Prepared> {
  const { project, document, version } = await publishedModel(ctx, input.project);
  const templates: Prepared['templates'] = {};
  const templateVersions: Record<string, number> = {};
  for (const target of input.targets) {
    const overrides = await currentOverrides(ctx, project.id, target);
    templates[target] = Object.fromEntries([...overrides].map(([n, o]) => [n, o.source]));
    for (const [name, o] of overrides) templateVersions[`${target}/${name}`] = o.version;
  }
  const base = (await consoleBase(ctx, project.id)) ?? version;
  const migrations = await migrationHistory(ctx, project.id, base, version);
  return {
    projectId: project.id,
    document,
    version,
    templates,
    templateVersions,
    base,
    migrations,
  };
}

async function generate(
  codegen: Codegen,
  prepared: Prepared,
  input: GenerationInput,
  onProgress: (
    target: CodegenTarget,
    step: 'render' | 'check',
    done: number,
    total: number,
  ) => void,
): Promise<FilesByTarget> {
  const out: FilesByTarget = {};
  for (const target of input.targets) {
    const templates = prepared.templates[target] ?? {};
    const files = await codegen.eject({
      document: prepared.document,
      version: prepared.version,
      target,
      templates,
      migrations: prepared.migrations,
      serviceUrl: input.serviceUrl,
      onProgress: (done, total) => onProgress(target, 'render', done, total),
    });
    if (target === 'nestjs-prisma' && Object.keys(templates).length > 0) {
      onProgress(target, 'check', 0, 1);
      const baseline = await codegen.eject({
        document: prepared.document,
        version: prepared.version,
        migrations: prepared.migrations,
        target,
      });
      const errors = await codegen.newTypeErrors(baseline, files);
      if (errors.length) {
        const byPath = new Map(files.map((f) => [f.path, f]));
        const typeErrors = errors.map((e) => {
          const file = byPath.get(e.path);
          return {
            ...e,
            template: file?.template ?? null,
            excerpt: file?.content.split('\n')[e.line - 1]?.trim() ?? '',
          };
        });
        const first = typeErrors[0]!;
        throw new AppError(
          'VALIDATION',
          `The output no longer type-checks: ${first.path}, line ${first.line}: ${first.message}${
            first.template ? ` (from template ${first.template})` : ''
          }`,
          { details: { typeErrors, template: first.template ?? undefined } },
        );
      }
      onProgress(target, 'check', 1, 1);
    }
    out[target] = files;
  }
  return out;
}

function generationError(error: unknown): GenerationError | null {
  const app = findAppError(error);
  if (!app || app.code !== 'VALIDATION') return null;
  const details = app.details ?? {};
  return {
    message: app.message,
    ...(typeof details.template === 'string' ? { template: details.template } : {}),
    ...(typeof details.line === 'number' ? { line: details.line } : {}),
    ...(Array.isArray(details.typeErrors)
      ? { typeErrors: details.typeErrors as GenerationError['typeErrors'] }
      : {}),
  };
}

/**
 * What generating now would produce: per target every file, its content, what happens to it
 * against the last generation, and that generation's content where it differs.
 */
export async function planGeneration(ctx: AuthedContext, input: GenerationInput) {
  const prepared = await prepare(ctx, input);
  const codegen = await generator(ctx);
  const last = await lastSuccessful(ctx, prepared.projectId);
  let files: FilesByTarget;
  try {
    files = await generate(codegen, prepared, input, () => {});
  } catch (error) {
    const failure = generationError(error);
    if (!failure) throw error;
    return { ok: false as const, version: prepared.version, error: failure };
  }
  return {
    ok: true as const,
    version: prepared.version,
    last: last ? { id: last.id, createdAt: last.createdAt, modelVersion: last.modelVersion } : null,
    targets: input.targets.map((target) => {
      const next = files[target] ?? [];
      const previous = last?.files[target];
      const before = new Map((previous ?? []).map((f) => [f.path, f.content]));
      const { plan, counts } = compare(codegen, previous, next);
      const content = new Map(next.map((f) => [f.path, f.content]));
      return {
        target,
        counts,
        files: plan.map((f) => ({
          path: f.path,
          ownership: f.ownership,
          action: f.action,
          reason: f.reason,
          content: content.get(f.path) ?? null,
          previous:
            before.has(f.path) && before.get(f.path) !== content.get(f.path)
              ? before.get(f.path)!
              : null,
        })),
      };
    }),
  };
}

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
