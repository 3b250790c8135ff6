/**
 * Ejection from the console's API: what a target would produce for a project's published
 * model with the project's templates (the file tree, any file, or every file), and a run that
 * reports its progress. The generator renders in its sandboxed worker; nothing is written on
 * the server.
 */
import type { CodegenTarget, GeneratedFile } from '@tessera/codegen';
import { AppError } from '@tessera/errors';

import type { AuthedContext } from '../types';
import { generator, publishedModel } from './published';
import { migrationHistory } from './history';
import { relay } from './relay';
import { currentOverrides } from './templates';

export interface EjectionInput {
  project: string;
  target: CodegenTarget;
  serviceUrl?: string;
  /** Regenerating an earlier ejection: the model version it was first ejected at. */
  base?: number;
}

/** The published model and the project's templates for the target: what an ejection renders. */
async function published(ctx: AuthedContext, input: EjectionInput) {
  const { project, document, version } = await publishedModel(ctx, input.project);
  const overrides = await currentOverrides(ctx, project.id, input.target);
  const templates = Object.fromEntries([...overrides].map(([name, o]) => [name, o.source]));
  const migrations = await migrationHistory(ctx, project.id, input.base, version);
  return { document, version, templates, migrations };
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
  const { document, version, templates, migrations } = await published(ctx, input);
  const { eject } = await generator(ctx);
  const files = await eject({
    document,
    version,
    templates,
    migrations,
    target: input.target,
    serviceUrl: input.serviceUrl,
  });
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
  const { document, version, templates, migrations } = await published(ctx, input);
  const { eject } = await generator(ctx);
  yield* relay<EjectionEvent>(async (emit) => {
    const files = await eject({
      document,
      version,
      templates,
      migrations,
      target: input.target,
      serviceUrl: input.serviceUrl,
      onProgress: (done, total) => emit({ type: 'progress', done, total }),
    });
    emit({ type: 'done', version, files });
  });
}
