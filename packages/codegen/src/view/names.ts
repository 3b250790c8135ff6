/** How model codes read in generated code: `order_tags` is the model `OrderTags`, `orderTags`. */
export function pascalCase(code: string): string {
  return code
    .split('_')
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

export function camelCase(code: string): string {
  const pascal = pascalCase(code);
  return pascal[0]!.toLowerCase() + pascal.slice(1);
}

/** File names use dashes: `order_tags` lives in `order-tags/order-tags.service.ts`. */
export function kebabCase(code: string): string {
  return code.replaceAll('_', '-');
}

/** Names Prisma Client or the generated code already take, which a model may not. */
export const RESERVED_MODEL_NAMES = new Set([
  'Prisma',
  'PrismaClient',
  'Decimal',
  'Date',
  'String',
  'Number',
  'Boolean',
  'Json',
  'Bytes',
  'Error',
  'Promise',
  'Model',
  'App',
]);
