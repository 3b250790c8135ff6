export { eject, CODEGEN_TARGETS, type CodegenTarget, type EjectOptions } from './eject';
export type { GeneratedFile } from './files';
export { TemplateRenderer, type RenderLimits } from './render/renderer';
export { writeFiles } from './write-files';
