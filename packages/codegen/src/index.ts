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
