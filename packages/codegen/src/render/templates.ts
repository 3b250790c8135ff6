/**
 * A target's Handlebars templates, precompiled once: strict (a missing value is an error, not
 * an empty string), no HTML escaping (the output is code), and only the helpers we register,
 * so a template can call nothing else. A template that does not compile names itself and its
 * line.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { AppError } from '@tessera/errors';
import Handlebars from 'handlebars';

/** The helpers templates may use; `render.worker.ts` implements them. */
export const KNOWN_HELPERS = { json: true } as const;

/** Where the targets' templates are: beside this package's sources. */
const templatesDir = () => path.resolve(import.meta.dirname, '../../templates');

/** Template name (its path under the target's folder, without `.hbs`) → precompiled spec. */
export type TemplateSpecs = Record<string, string>;

const cache = new Map<string, Promise<TemplateSpecs>>();

export function targetTemplates(target: string): Promise<TemplateSpecs> {
  let specs = cache.get(target);
  if (!specs) {
    specs = loadTemplates(path.join(templatesDir(), target));
    cache.set(target, specs);
    specs.catch(() => cache.delete(target));
  }
  return specs;
}

export async function loadTemplates(dir: string): Promise<TemplateSpecs> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const specs: TemplateSpecs = {};
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.hbs')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const name = path.relative(dir, file).replace(/\.hbs$/, '');
    specs[name] = precompileTemplate(name, await readFile(file, 'utf8'));
  }
  return specs;
}

export function precompileTemplate(name: string, source: string): string {
  try {
    return Handlebars.precompile(source, {
      strict: true,
      noEscape: true,
      knownHelpers: KNOWN_HELPERS,
      knownHelpersOnly: true,
    }) as string;
  } catch (error) {
    const message = (error as Error).message;
    const found = /line (\d+)|- (\d+):\d+/.exec(message);
    const line = found?.[1] ?? found?.[2];
    throw new AppError(
      'VALIDATION',
      `Template ${name}${line ? `, line ${line}` : ''}: ${message.split('\n')[0]}`,
      {
        details: { template: name, ...(line ? { line: Number(line) } : {}) },
      },
    );
  }
}
