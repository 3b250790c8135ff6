/**
 * Ejection from the console's API: what a target would produce for a project's published
 * model (the file tree, any file, or every file), and a run that reports its progress. The
 * generator renders in its sandboxed worker; nothing is written on the server.
 */
import type { CodegenTarget, GeneratedFile } from '@tessera/codegen';
import { AppError } from '@tessera/errors';

import type { Codegen } from '../context';

import { findProject } from './schema/projects';
import { publishedDocument } from './schema/publishing';
import type { AuthedContext } from './types';

/** The generator the app wired, else the package itself (loaded when first needed). */
async function generator(ctx: AuthedContext): Promise<Codegen> {
  return ctx.services.codegen ?? (await import('@tessera/codegen'));
}

export interface EjectionInput {
  project: string;
  target: CodegenTarget;
  serviceUrl?: string;
}

async function published(ctx: AuthedContext, code: string) {
  const project = await findProject(ctx, code);
  const document = await publishedDocument(ctx, project.id, project.publishedVersion);
  if (!document || project.publishedVersion === null)
    throw new AppError(
      'VALIDATION',
      `Project '${code}' has no published model to eject; publish it first`,
    );
  return { document, version: project.publishedVersion };
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
  const { document, version } = await published(ctx, input.project);
  const { eject } = await generator(ctx);
  const files = await eject({
    document,
    version,
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
  const { document, version } = await published(ctx, input.project);
  const { eject } = await generator(ctx);
  const events: EjectionEvent[] = [];
  let wake: (() => void) | null = null;
  let finished = false;
  let failure: Error | null = null;
  const run = eject({
    document,
    version,
    target: input.target,
    serviceUrl: input.serviceUrl,
    onProgress: (done, total) => {
      events.push({ type: 'progress', done, total });
      wake?.();
    },
  })
    .then((files) => events.push({ type: 'done', version, files }))
    .catch((error: unknown) => {
      failure = error instanceof Error ? error : new Error(String(error));
    })
    .finally(() => {
      finished = true;
      wake?.();
    });
  while (true) {
    while (events.length) yield events.shift()!;
    if (finished) break;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
  }
  await run;
  if (failure !== null) throw failure as Error;
}
