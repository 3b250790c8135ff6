/**
 * Ejection: a published model in, files out. Pure stages: the model document → the project's
 * view model → templates rendered in the sandbox → formatted files. Writing them is the
 * caller's job (the CLI, the console's download).
 */
import { AppError } from '@tessera/errors';
import { type ModelDocument, withJunctionEntities } from '@tessera/meta';

import type { GeneratedFile } from './files';
import { formatFile } from './format';
import { TemplateRenderer } from './render/renderer';
import { targetTemplates } from './render/templates';
import { validationSources } from './targets/copied-sources';
import { initialMigration, nestjsPrismaItems } from './targets/nestjs-prisma';
import { projectView } from './view/project-view';

export const CODEGEN_TARGETS = ['nestjs-prisma', 'amis-pages'] as const;
export type CodegenTarget = (typeof CODEGEN_TARGETS)[number];

export interface EjectOptions {
  /** A published (validated) model document. */
  document: ModelDocument;
  /** Its published version. */
  version: number;
  target?: CodegenTarget;
  renderer?: TemplateRenderer;
  /** Told as files are done: for progress bars. */
  onProgress?: (done: number, total: number) => void;
}

export async function eject(options: EjectOptions): Promise<GeneratedFile[]> {
  const target = options.target ?? 'nestjs-prisma';
  if (target !== 'nestjs-prisma')
    throw new AppError('BAD_REQUEST', `The ${target} target is not available yet`);
  const doc = withJunctionEntities(options.document);
  const view = projectView(doc, options.version);
  const items = nestjsPrismaItems(view);
  const specs = await targetTemplates(target);
  const renderer = options.renderer ?? new TemplateRenderer();
  try {
    const outputs = await renderer.render(
      specs,
      items.map(({ template, context }) => ({ template, context })),
    );
    const rendered = items.map((item, i) => ({
      path: item.path,
      content: outputs[i]!,
      ownership: item.ownership,
    }));
    rendered.push(
      ...(await validationSources()).map((f) => ({ ...f, ownership: 'generated' as const })),
      {
        path: `prisma/migrations/${migrationName(options.version)}/migration.sql`,
        content: initialMigration(doc),
        ownership: 'generated',
      },
    );
    const files: GeneratedFile[] = [];
    for (const [i, file] of rendered.entries()) {
      files.push({ ...file, content: await formatFile(file.path, file.content) });
      options.onProgress?.(i + 1, rendered.length);
    }
    return files.sort((a, b) => a.path.localeCompare(b.path));
  } finally {
    if (!options.renderer) await renderer.close();
  }
}

/** Migrations sort by name: the model version, zero-padded, keeps them in publish order. */
function migrationName(version: number): string {
  return `${String(version).padStart(6, '0')}_${version === 1 ? 'init' : `v${version}`}`;
}
