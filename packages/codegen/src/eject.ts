/**
 * Ejection: a published model in, files out. Pure stages: the model document → the project's
 * view model → templates rendered in the sandbox → formatted files. Writing them is the
 * caller's job (the CLI, the console's download).
 */
import { type ModelDocument, withJunctionEntities } from '@tessera/meta';

import type { GeneratedFile } from './files';
import { formatFile } from './format';
import { TemplateRenderer } from './render/renderer';
import { targetTemplates } from './render/templates';
import { amisPageFiles, DEFAULT_SERVICE_URL } from './targets/amis-pages';
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
  /** amis-pages: where the pages reach the ejected service. */
  serviceUrl?: string;
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
    return await formatted(rendered, options.onProgress);
  } finally {
    if (!options.renderer) await renderer.close();
  }
}

/** Migrations sort by name: the model version, zero-padded, keeps them in publish order. */
function migrationName(version: number): string {
  return `${String(version).padStart(6, '0')}_${version === 1 ? 'init' : `v${version}`}`;
}
