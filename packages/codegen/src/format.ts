/** Generated files are formatted as the project's own code is: Prettier, by file type. */
import prettier from 'prettier';

const PARSERS: Record<string, string> = {
  ts: 'babel-ts',
  mjs: 'babel',
  js: 'babel',
  json: 'json',
  md: 'markdown',
  yaml: 'yaml',
  yml: 'yaml',
};

export const PRETTIER_OPTIONS = { singleQuote: true, printWidth: 100 } as const;

export async function formatFile(path: string, content: string): Promise<string> {
  const extension = path.split('.').pop() ?? '';
  const parser = path.endsWith('package.json') ? 'json-stringify' : PARSERS[extension];
  if (!parser) return `${content.replace(/[ \t]+$/gm, '').trimEnd()}\n`;
  return prettier.format(content, { ...PRETTIER_OPTIONS, parser, filepath: path });
}
