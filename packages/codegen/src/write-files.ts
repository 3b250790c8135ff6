/**
 * Writes an ejection to a folder: into an empty folder or over an earlier ejection (known by its
 * manifest), never into anything else unless forced. Over an earlier one it regenerates as
 * `planRegeneration` decides: nothing the developer wrote is lost (their files are kept, their
 * edits of generated files merged, conflicts marked and listed), and a dry run says all of it
 * before anything is written.
 *
 * The output keeps what it needs for that: `.tessera/manifest.json` (every generated file, its
 * ownership and hash, and where the generation came from) and `.tessera/generated/`, the last
 * generated content of each generated file (the merge base), so it travels with the code.
 * `.tesseraignore` (gitignore syntax) names files regeneration leaves alone.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { AppError } from '@tessera/errors';
import ignore from 'ignore';

import type { GeneratedFile } from './files';
import { type FileAction, type FilePlan, planRegeneration } from './regenerate/plan';

export const MANIFEST = '.tessera/manifest.json';
export const GENERATED_DIR = '.tessera/generated';
export const IGNORE_FILE = '.tesseraignore';

export type PlannedFile = Omit<FilePlan, 'content' | 'generated'>;

export interface WriteReport {
  /** Every file and what happens (or, in a dry run, would happen) to it. */
  files: PlannedFile[];
  written: string[];
  kept: string[];
  conflicts: string[];
  dryRun: boolean;
}

interface Manifest {
  files?: Record<string, { ownership: GeneratedFile['ownership']; sha256: string }>;
  [key: string]: unknown;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const WRITES: readonly FileAction[] = ['new', 'replaced', 'merged', 'conflict'];

async function read(file: string): Promise<string | null> {
  return readFile(file, 'utf8').catch(() => null);
}

/** `relative` inside `dir`, or a refusal: a manifest or a template may not name `../x`. */
function inside(dir: string, relative: string): string {
  const root = path.resolve(dir);
  const target = path.resolve(root, relative);
  if (!target.startsWith(root + path.sep))
    throw new AppError('INTERNAL', `Refusing to write outside ${dir}: ${relative}`);
  return target;
}

/** Removes `folder` and the folders above it, up to `dir`, while they are empty. */
async function removeEmptyFolders(dir: string, folder: string) {
  const root = path.resolve(dir);
  for (let at = path.resolve(folder); at.startsWith(root + path.sep); at = path.dirname(at)) {
    const left = await readdir(at).catch(() => null);
    if (left === null || left.length > 0) return;
    await rm(at, { recursive: true, force: true });
  }
}

/** Where an earlier ejection in `dir` came from (its manifest's record), or null. */
export async function ejectionSource(
  dir: string,
): Promise<{ project?: string; version?: number; base?: number; target?: string } | null> {
  const text = await read(path.join(dir, MANIFEST));
  if (text === null) return null;
  const { files: _files, ...source } = JSON.parse(text) as Manifest;
  const number = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const string = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    project: string(source.project),
    version: number(source.version),
    base: number(source.base),
    target: string(source.target),
  };
}

/**
 * What a first ejection into an empty folder holds: the files, the manifest and the merge
 * bases, exactly as `writeFiles` writes them; for an archive (the console's download) that a
 * later `tessera eject` regenerates in place.
 */
export function firstEjectionFiles(
  files: readonly GeneratedFile[],
  source: Record<string, unknown> = {},
): { path: string; content: string }[] {
  const manifest: Manifest = {
    ...source,
    files: Object.fromEntries(
      files.map((f) => [f.path, { ownership: f.ownership, sha256: sha256(f.content) }]),
    ),
  };
  return [
    ...files.map(({ path: p, content }) => ({ path: p, content })),
    ...files.map(({ path: p, content }) => ({ path: `${GENERATED_DIR}/${p}`, content })),
    { path: MANIFEST, content: `${JSON.stringify(manifest, null, 2)}\n` },
  ];
}

export async function writeFiles(
  dir: string,
  files: GeneratedFile[],
  options: { force?: boolean; dryRun?: boolean; source?: Record<string, unknown> } = {},
): Promise<WriteReport> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  const manifestText = await read(path.join(dir, MANIFEST));
  if (entries.length > 0 && manifestText === null && !options.force)
    throw new AppError(
      'CONFLICT',
      `${dir} is neither empty nor an earlier ejection; choose another folder or force it`,
    );
  const manifest = manifestText ? (JSON.parse(manifestText) as Manifest) : null;

  const paths = new Set([...files.map((f) => f.path), ...Object.keys(manifest?.files ?? {})]);
  const disk = new Map<string, string | null>();
  for (const p of paths) disk.set(p, await read(inside(dir, p)));
  const previous = manifest
    ? new Map(
        await Promise.all(
          Object.entries(manifest.files ?? {}).map(async ([p, entry]) => {
            // Kept by this version; an earlier one kept hashes only: a file still matching its
            // hash is its own base.
            const kept = await read(inside(path.join(dir, GENERATED_DIR), p));
            const onDisk = disk.get(p) ?? null;
            const content =
              kept ?? (onDisk !== null && sha256(onDisk) === entry.sha256 ? onDisk : null);
            return [p, { ownership: entry.ownership, content }] as const;
          }),
        ),
      )
    : null;
  const rules = ignore().add((await read(path.join(dir, IGNORE_FILE))) ?? '');

  const plan = planRegeneration({
    next: files,
    onDisk: (p) => disk.get(p) ?? null,
    previous,
    ignored: (p) => rules.ignores(p),
  });
  const report: WriteReport = {
    files: plan.map(({ content: _c, generated: _g, ...rest }) => rest),
    written: plan.filter((f) => WRITES.includes(f.action)).map((f) => f.path),
    kept: plan.filter((f) => ['kept', 'orphaned', 'ignored'].includes(f.action)).map((f) => f.path),
    conflicts: plan.filter((f) => f.action === 'conflict').map((f) => f.path),
    dryRun: options.dryRun ?? false,
  };
  if (options.dryRun) return report;

  for (const file of plan) {
    const target = inside(dir, file.path);
    const base = inside(path.join(dir, GENERATED_DIR), file.path);
    if (file.content !== undefined) {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.content);
    }
    if (file.action === 'removed') {
      await rm(target, { force: true });
      await rm(base, { force: true });
      await removeEmptyFolders(dir, path.dirname(target));
      await removeEmptyFolders(dir, path.dirname(base));
    }
    if (file.generated !== undefined) {
      await mkdir(path.dirname(base), { recursive: true });
      await writeFile(base, file.generated);
    }
  }
  const next: Manifest = {
    ...options.source,
    files: Object.fromEntries(
      plan.flatMap((f): [string, { ownership: GeneratedFile['ownership']; sha256: string }][] => {
        const generated = files.find((g) => g.path === f.path);
        if (generated)
          return [[f.path, { ownership: f.ownership, sha256: sha256(generated.content) }]];
        // Ignored files the model no longer needs stay on record; removed and orphaned ones go.
        const old = manifest?.files?.[f.path];
        return f.action === 'ignored' && old ? [[f.path, old]] : [];
      }),
    ),
  };
  await mkdir(path.join(dir, '.tessera'), { recursive: true });
  await writeFile(path.join(dir, MANIFEST), `${JSON.stringify(next, null, 2)}\n`);
  return report;
}
