/**
 * Ejection from the console's API: what a target would produce for a project's published
 * model with the project's templates (the file tree, any file, or every file), and a run that
 * reports its progress. The generator renders in its sandboxed worker; nothing is written on
 * the server.
 */
import type { CodegenTarget, EjectOptions, GeneratedFile } from '@tessera/codegen';
import { AppError } from '@tessera/errors';

import type { AuthedContext } from '../types';
import { generator, publishedModel } from './published';
import { migrationHistory } from './history';
import { relay } from '../relay';
import { currentOverrides } from './templates';

export interface EjectionInput {
  project: string;
  target: CodegenTarget;
  serviceUrl?: string;
  /** Regenerating an earlier ejection: the model version it was first ejected at. */
  base?: number;
}

/**
 * What an ejection renders: the published model, the project's templates for the target, and
 * the migration history from `base`; as the generator's options.
 */
async function ejectOptions(ctx: AuthedContext, input: EjectionInput) {
  const { project, document, version } = await publishedModel(ctx, input.project);
  const overrides = await currentOverrides(ctx, project.id, input.target);
  return {
    document,
    version,
    templates: Object.fromEntries([...overrides].map(([name, o]) => [name, o.source])),
    migrations: await migrationHistory(ctx, project.id, input.base, version),
    target: input.target,
    serviceUrl: input.serviceUrl,
  } satisfies EjectOptions;
}

const entryOf = (f: GeneratedFile) => ({
  path: f.path,
  ownership: f.ownership,
  bytes: Buffer.byteLength(f.content),
});

export async function previewEjection(
  ctx: AuthedContext,
  input: EjectionInput & { path?: string; contents?: boolean },
) {
  const options = await ejectOptions(ctx, input);
  const { version } = options;
  const files = await (await generator(ctx)).eject(options);
  let file: GeneratedFile | null = null;
  if (input.path !== undefined) {
    file = files.find((f) => f.path === input.path) ?? null;
    if (!file)
      throw new AppError(
        'NOT_FOUND',
        `The ${input.target} output has no file '${input.path.slice(0, 200)}'`,
      );
  }
  return {
    version,
    /** The version its migrations start from: recorded in the output for the next regeneration. */
    base: input.base ?? version,
    target: input.target,
    files: files.map(entryOf),
    file,
    contents: input.contents ? files : null,
  };
}

export type EjectionEvent =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; version: number; files: GeneratedFile[] };

/** A run: a progress event as files are done, then every file. */
export async function* ejectionEvents(
  ctx: AuthedContext,
  input: EjectionInput,
): AsyncGenerator<EjectionEvent> {
  const options = await ejectOptions(ctx, input);
  const { eject } = await generator(ctx);
  yield* relay<EjectionEvent>(async (emit) => {
    const files = await eject({
      ...options,
      onProgress: (done, total) => emit({ type: 'progress', done, total }),
    });
    emit({ type: 'done', version: options.version, files });
  });
}
