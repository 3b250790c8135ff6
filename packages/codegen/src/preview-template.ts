/**
 * One template rendered for one entity (or for the project), as the console's template editor
 * previews it: the file it writes, formatted, or the template's error with its line. It renders
 * in the same sandboxed worker as a whole ejection.
 */
import { type ModelDocument, withJunctionEntities } from '@tessera/meta';
import { AppError } from '@tessera/errors';

import { TemplateRenderer } from './render/renderer';
import { precompileTemplate, targetTemplates } from './render/templates';
import { nestjsPrismaItems } from './targets/nestjs-prisma';
import type { CodegenTarget } from './targets/names';
import { projectView } from './view/project-view';

export interface TemplatePreviewInput {
  document: ModelDocument;
  version: number;
  target: CodegenTarget;
  /** The template's name, e.g. `entity/base/service.base.ts`. */
  name: string;
  /** The source to render; the built-in template when absent. */
  source?: string;
  /** For a template rendered once per entity: which one (the first when absent). */
  entity?: string;
  renderer?: TemplateRenderer;
}

export interface TemplatePreview {
  path: string;
  content: string;
  /** The entity it was rendered for, or null for a project file. */
  entity: string | null;
}

export async function previewTemplate(input: TemplatePreviewInput): Promise<TemplatePreview> {
  if (input.target !== 'nestjs-prisma')
    throw new AppError('VALIDATION', `The ${input.target} target has no templates`);
  const builtIn = await targetTemplates(input.target);
  if (!(input.name in builtIn))
    throw new AppError('NOT_FOUND', `The ${input.target} target has no template '${input.name}'`);
  const doc = withJunctionEntities(input.document);
  const items = nestjsPrismaItems(projectView(doc, input.version)).filter(
    (item) => item.template === input.name,
  );
  const entityOf = (context: unknown) =>
    input.name.startsWith('entity/') ? (context as { code: string }).code : null;
  const item =
    input.entity === undefined
      ? items[0]
      : items.find((candidate) => entityOf(candidate.context) === input.entity);
  if (!item)
    throw new AppError(
      'NOT_FOUND',
      input.entity === undefined
        ? `The model has no entity to render '${input.name}' for`
        : `Entity '${input.entity}' is not in the published model`,
    );
  const spec =
    input.source === undefined
      ? builtIn[input.name]!
      : precompileTemplate(input.name, input.source);
  const renderer = input.renderer ?? (shared ??= new TemplateRenderer());
  const [content] = await renderer.render({ [input.name]: spec }, [
    { template: item.template, context: item.context, path: item.path },
  ]);
  return { path: item.path, content: content!, entity: entityOf(item.context) };
}

/**
 * Previews come one after another as someone types: they share one sandboxed worker (started
 * on first use, replaced when a render kills it) instead of starting one each.
 */
let shared: TemplateRenderer | undefined;
