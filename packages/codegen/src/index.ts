export { eject, CODEGEN_TARGETS, type CodegenTarget, type EjectOptions } from './eject';
export type { GeneratedFile } from './files';
export { TemplateRenderer, type RenderLimits } from './render/renderer';
export { builtInTemplates, templatesWith } from './render/templates';
export {
  previewTemplate,
  type TemplatePreview,
  type TemplatePreviewInput,
} from './preview-template';
export { newTypeErrors, typeErrors, type TypeProblem } from './check/type-check';
export { ejectionArchive, type ArchivedTarget } from './archive';
export { planRegeneration, type FileAction, type FilePlan } from './regenerate/plan';
export { writeFiles, firstEjectionFiles } from './write-files';
export { migrationName, type MigrationHistory } from './targets/migrations';

import { ejectionArchive } from './archive';
import { newTypeErrors } from './check/type-check';
import { eject } from './eject';
import { previewTemplate } from './preview-template';
import { planRegeneration } from './regenerate/plan';
import { builtInTemplates, templatesWith } from './render/templates';

/**
 * What the console's API uses of the generator. The process that owns the template files (the
 * console's server, outside Next's bundle) hands it to the API; tests and scripts load it.
 */
export const codegenApi = {
  eject,
  builtInTemplates,
  templatesWith,
  previewTemplate,
  newTypeErrors,
  planRegeneration,
  ejectionArchive,
};
