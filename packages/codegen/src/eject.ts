/**
 * Ejection: a published model in, files out. Pure stages: the model document → the project's
 * view model → templates rendered in the sandbox → formatted files. Writing them is the
 * caller's job (the CLI, the console's download).
 */
import { availableParallelism } from 'node:os';

import { type ModelDocument, withJunctionEntities } from '@tessera/meta';

import type { GeneratedFile } from './files';
import { formatFile } from './format';
import { TemplateRenderer } from './render/renderer';
import { templatesWith } from './render/templates';
import { amisPageFiles, DEFAULT_SERVICE_URL } from './targets/amis-pages';
import { validationSources } from './targets/copied-sources';
import { type MigrationHistory, migrationFiles } from './targets/migrations';
import { nestjsPrismaItems } from './targets/nestjs-prisma';
import { projectView } from './view/project-view';

import type { CodegenTarget } from './targets/names';

export { CODEGEN_TARGETS, type CodegenTarget } from './targets/names';

export interface EjectOptions {
  /** A published (validated) model document. */
  document: ModelDocument;
  /** Its published version. */
  version: number;
  target?: CodegenTarget;
  renderer?: TemplateRenderer;
  /** amis-pages: where the pages reach the ejected service. */
  serviceUrl?: string;
  /** The project's own versions of the target's templates: name → Handlebars source. */
  templates?: Readonly<Record<string, string>>;
  /**
   * The service's earlier versions, for a regeneration: its migrations then run from the first
   * ejection's version on. Without it the one migration creates the whole schema.
   */
  migrations?: MigrationHistory;
  /** Told as files are done: for progress bars. */
  onProgress?: (done: number, total: number) => void;
}

async function formatted(
  files: GeneratedFile[],
  onProgress?: EjectOptions['onProgress'],
): Promise<GeneratedFile[]> {
  const out: GeneratedFile[] = [];
  for (const [i, file] of files.entries()) {
    out.push({ ...file, content: await formatFile(file.path, file.content) });
    onProgress?.(i + 1, files.length);
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

export async function eject(options: EjectOptions): Promise<GeneratedFile[]> {
  const target = options.target ?? 'nestjs-prisma';
  const doc = withJunctionEntities(options.document);
  if (target === 'amis-pages')
    return formatted(
      amisPageFiles(doc, options.serviceUrl ?? DEFAULT_SERVICE_URL),
      options.onProgress,
    );
  const view = projectView(doc, options.version);
  const items = nestjsPrismaItems(view);
  const specs = await templatesWith(target, options.templates);
  const extra: GeneratedFile[] = [
    ...(await validationSources()).map((f) => ({ ...f, ownership: 'generated' as const })),
    ...migrationFiles(options.document, options.version, options.migrations),
  ];
  const total = items.length + extra.length;
  // Rendering and formatting run on the workers, a batch at a time, spread over the cores.
  const renderers = options.renderer
    ? [options.renderer]
    : Array.from({ length: Math.min(2, availableParallelism()) }, () => new TemplateRenderer());
  let done = 0;
  try {
    const batches = Array.from({ length: Math.ceil(items.length / BATCH) }, (_, i) =>
      items.slice(i * BATCH, (i + 1) * BATCH),
    );
    const outputs = await Promise.all(
      batches.map(async (batch, i) => {
        const out = await renderers[i % renderers.length]!.render(
          specs,
          batch.map(({ template, context, path }) => ({ template, context, path })),
        );
        done += batch.length;
        options.onProgress?.(done, total);
        return out;
      }),
    );
    const files: GeneratedFile[] = outputs.flat().map((content, i) => ({
      path: items[i]!.path,
      content,
      ownership: items[i]!.ownership,
      template: items[i]!.template,
    }));
    for (const file of extra) {
      files.push({ ...file, content: await formatFile(file.path, file.content) });
      options.onProgress?.(++done, total);
    }
    return files.sort((a, b) => a.path.localeCompare(b.path));
  } finally {
    if (!options.renderer) await Promise.all(renderers.map((r) => r.close()));
  }
}

/** Files rendered per job on a worker: small enough that progress moves steadily. */
const BATCH = 20;
