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
  const sources = await readSources(dir);
  return Object.fromEntries(
    Object.entries(sources).map(([name, source]) => [name, precompileTemplate(name, source)]),
  );
}

/** Template name → its Handlebars source, for every template under `dir`. */
async function readSources(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    },
  );
  const sources: Record<string, string> = {};
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.hbs')) continue;
    const file = path.join(entry.parentPath, entry.name);
    sources[path.relative(dir, file).replace(/\.hbs$/, '')] = await readFile(file, 'utf8');
  }
  return Object.fromEntries(Object.entries(sources).sort(([a], [b]) => a.localeCompare(b)));
}

const sourceCache = new Map<string, Promise<Record<string, string>>>();

/** A target's built-in templates as written (name → source); none for a target without any. */
export function builtInTemplates(target: string): Promise<Record<string, string>> {
  let sources = sourceCache.get(target);
  if (!sources) {
    sources = readSources(path.join(templatesDir(), target));
    sourceCache.set(target, sources);
    sources.catch(() => sourceCache.delete(target));
  }
  return sources;
}

/**
 * The target's templates with a project's overrides (name → source) in place of the built-in
 * ones. An override must replace a template the target has; each is compiled here, so one that
 * does not compile is refused with its name and line before anything renders.
 */
export async function templatesWith(
  target: string,
  overrides: Readonly<Record<string, string>> = {},
): Promise<TemplateSpecs> {
  const specs = await targetTemplates(target);
  const names = Object.keys(overrides);
  if (names.length === 0) return specs;
  const out = { ...specs };
  for (const name of names) {
    if (!(name in specs))
      throw new AppError('VALIDATION', `The ${target} target has no template '${name}'`, {
        details: { template: name },
      });
    out[name] = precompileTemplate(name, overrides[name]!);
  }
  return out;
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
