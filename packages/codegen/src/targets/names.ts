/** The targets `eject` writes, importable without loading the generator. */
export const CODEGEN_TARGETS = ['nestjs-prisma', 'amis-pages'] as const;
export type CodegenTarget = (typeof CODEGEN_TARGETS)[number];
