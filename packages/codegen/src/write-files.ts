/**
 * Writes an ejection to a folder: into an empty folder or over an earlier ejection (known by its
 * manifest), never into anything else unless forced. Generated files are rewritten; the
 * developer's own files are written only when they do not exist yet.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { AppError } from '@tessera/errors';

import type { GeneratedFile } from './files';

export const MANIFEST = '.tessera/manifest.json';

export interface WriteReport {
  written: string[];
  kept: string[];
}

async function exists(file: string): Promise<boolean> {
  return readFile(file).then(
    () => true,
    () => false,
  );
}

export async function writeFiles(
  dir: string,
  files: GeneratedFile[],
  options: { force?: boolean; source?: Record<string, unknown> } = {},
): Promise<WriteReport> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  const earlier = await exists(path.join(dir, MANIFEST));
  if (entries.length > 0 && !earlier && !options.force)
    throw new AppError(
      'CONFLICT',
      `${dir} is neither empty nor an earlier ejection; choose another folder or force it`,
    );
  const report: WriteReport = { written: [], kept: [] };
  for (const file of files) {
    const target = path.resolve(dir, file.path);
    if (!target.startsWith(path.resolve(dir) + path.sep))
      throw new AppError('INTERNAL', `Refusing to write outside ${dir}: ${file.path}`);
    if (file.ownership === 'owned' && (await exists(target))) {
      report.kept.push(file.path);
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.content);
    report.written.push(file.path);
  }
  const manifest = {
    ...options.source,
    files: Object.fromEntries(
      files.map((f) => [
        f.path,
        { ownership: f.ownership, sha256: createHash('sha256').update(f.content).digest('hex') },
      ]),
    ),
  };
  await mkdir(path.join(dir, '.tessera'), { recursive: true });
  await writeFile(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return report;
}
