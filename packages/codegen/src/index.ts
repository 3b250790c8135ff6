/**
 * Code generation ("eject"): static NestJS + Prisma sources and amis pages for published
 * entities, rendered from Handlebars templates in a sandbox. Not implemented yet; the targets
 * below name what it will produce.
 */
export const CODEGEN_TARGETS = ['nestjs-prisma', 'amis-pages'] as const;
export type CodegenTarget = (typeof CODEGEN_TARGETS)[number];
