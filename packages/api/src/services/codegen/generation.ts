/**
 * A generation of a project's targets, and what it would change: the published model and the
 * project's templates rendered (type-checked when templates are overridden), each file's fate
 * against the last kept generation, and a failure (a template error, output that no longer
 * type-checks) as the template, line and message to show.
 */
import type {
  CodegenTarget,
  FileAction,
  GeneratedFile,
  MigrationHistory,
  TypeProblem,
} from '@tessera/codegen';
import { AppError, findAppError } from '@tessera/errors';

import type { Codegen } from '../../context';
import type { AuthedContext } from '../types';
import { consoleBase, migrationHistory } from './history';
import { generator, publishedModel } from './published';
import { currentOverrides } from './templates';

export interface GenerationInput {
  project: string;
  targets: CodegenTarget[];
  serviceUrl?: string;
}

export type FilesByTarget = Partial<Record<CodegenTarget, GeneratedFile[]>>;

/** What a failed generation says: the message, and the template and line when one is to blame. */
export interface GenerationError {
  message: string;
  template?: string;
  line?: number;
  /** Type errors the project's templates brought into the output, each with its line of code. */
  typeErrors?: (TypeProblem & { template: string | null; excerpt: string })[];
}

export async function lastSuccessful(ctx: AuthedContext, projectId: string) {
  const run = await ctx.db.codegenRun.findFirst({
    where: { projectId, status: 'succeeded' },
    orderBy: { createdAt: 'desc' },
    select: { id: true, createdAt: true, modelVersion: true, files: true },
  });
  return run ? { ...run, files: (run.files ?? {}) as FilesByTarget } : null;
}

/** Each file's fate against the last generation, as regenerating in place would decide it. */
export function compare(
  codegen: Codegen,
  previous: GeneratedFile[] | undefined,
  next: GeneratedFile[],
) {
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

export interface Prepared {
  projectId: string;
  document: Awaited<ReturnType<typeof publishedModel>>['document'];
  version: number;
  templates: Partial<Record<CodegenTarget, Record<string, string>>>;
  templateVersions: Record<string, number>;
  /** The version the project's generated migrations start from. */
  base: number;
  migrations: MigrationHistory | undefined;
}

export async function prepare(ctx: AuthedContext, input: GenerationInput): Promise<Prepared> {
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

export async function generate(
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

export function generationError(error: unknown): GenerationError | null {
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
