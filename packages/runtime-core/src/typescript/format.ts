/**
 * The generated TypeScript, formatted as the project formats its own code (Prettier, the
 * repository's settings). Prettier is loaded when types are first asked for, not at start.
 */
import prettierConfig from '@tessera/prettier-config';

import { typesModule } from './types-module';

export async function formatTypes(text: string): Promise<string> {
  const prettier = await import('prettier');
  return prettier.format(text, { ...prettierConfig, parser: 'typescript' });
}

export async function formattedTypesModule(
  options: Parameters<typeof typesModule>[0],
): Promise<string | null> {
  const text = typesModule(options);
  return text === null ? null : formatTypes(text);
}
