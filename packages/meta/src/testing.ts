/**
 * The shop model the tests share (`fixtures/shop.yaml`: customers, and their orders with a
 * total and a status), and variants of it for one test's needs.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { parse as parseYaml } from 'yaml';

import type { ModelDocument } from './document';
import { validateDocument } from './serialize';

export const SHOP_YAML_PATH = path.join(import.meta.dirname, 'fixtures/shop.yaml');
export const SHOP_YAML = readFileSync(SHOP_YAML_PATH, 'utf8');

/** The shop document as plain data, for a test to change before it is validated. */
export interface ShopDraft {
  project: string;
  entities: { code: string; fields: Record<string, unknown>[]; [key: string]: unknown }[];
  relations: Record<string, unknown>[];
}

/** The shop model as `edit` changes it (fields added, options set), validated. */
export function shopModel(edit: (doc: ShopDraft) => void = () => undefined): ModelDocument {
  const input = parseYaml(SHOP_YAML) as ShopDraft;
  edit(input);
  const parsed = validateDocument(input);
  if (!parsed.ok) throw new Error(`shop model: ${JSON.stringify(parsed.issues)}`);
  return parsed.document;
}

/** An entity of `doc` by code. */
export function entityOf(doc: ModelDocument, code: string) {
  const entity = doc.entities.find((e) => e.code === code);
  if (!entity) throw new Error(`no entity ${code}`);
  return entity;
}

/** What only Node has: a built-in module, `require`, `Buffer`, `process`. */
export const NODE_ONLY = /from\s+'node:|require\(|\bBuffer\.|\bprocess\./;

/**
 * Every source file an entry reaches through relative imports: what a browser bundle of that
 * entry would hold of this repository (to check it holds nothing only Node has).
 */
export function reachableSources(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const text = readFileSync(entry, 'utf8');
  for (const [, spec] of text.matchAll(/(?:from|import)\s+'(\.[^']+)'/g)) {
    const base = path.resolve(path.dirname(entry), spec!);
    const file = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((f) =>
      existsSync(f),
    );
    if (file) reachableSources(file, seen);
  }
  return seen;
}
