/**
 * Does an output still type-check? The service's own dependencies (Nest, Prisma Client) are not
 * installed where the console runs, so the output is checked beside the built-in templates'
 * output for the same model, with the same compiler and settings: every error the built-in
 * output does not have was brought in by the project's templates. Errors are compared by file,
 * code and message (not line: an edited template moves lines).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import type { GeneratedFile } from '../files';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

export interface TypeProblem {
  path: string;
  line: number;
  column: number;
  code: string;
  message: string;
}

/** What tsc reads: the sources and the compiler settings. */
const checked = (file: GeneratedFile) =>
  file.path === 'tsconfig.json' || (file.path.startsWith('src/') && file.path.endsWith('.ts'));

function typeRoots(): string[] {
  try {
    return [path.dirname(path.dirname(require.resolve('@types/node/package.json')))];
  } catch {
    return [];
  }
}

const DIAGNOSTIC = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

/** Every error tsc reports for the files, their paths relative to the output. */
export async function typeErrors(files: readonly GeneratedFile[]): Promise<TypeProblem[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tessera-check-'));
  try {
    for (const file of files.filter(checked)) {
      await mkdir(path.dirname(path.join(dir, file.path)), { recursive: true });
      await writeFile(path.join(dir, file.path), file.content);
    }
    await writeFile(
      path.join(dir, 'tsconfig.check.json'),
      JSON.stringify({
        extends: './tsconfig.json',
        compilerOptions: { noEmit: true, typeRoots: typeRoots() },
      }),
    );
    const tsc = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin/tsc');
    const out = await run(
      process.execPath,
      [tsc, '-p', 'tsconfig.check.json', '--pretty', 'false'],
      { cwd: dir, maxBuffer: 32 << 20 },
    ).catch((error: Error & { stdout?: string; code?: number }) => {
      // tsc exits 1 or 2 when it found errors; anything else is a failure to run.
      if (typeof error.stdout === 'string' && (error.code === 1 || error.code === 2)) return error;
      throw error;
    });
    return String(out.stdout)
      .split('\n')
      .flatMap((line) => {
        const found = DIAGNOSTIC.exec(line);
        if (!found) return [];
        const [, file, row, column, code, message] = found;
        return [
          {
            path: file!,
            line: Number(row),
            column: Number(column),
            code: code!,
            message: message!,
          },
        ];
      });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const keyOf = (error: TypeProblem) => `${error.path}\n${error.code}\n${error.message}`;

/** The errors `files` has that `baseline` (the built-in templates' output) has not. */
export async function newTypeErrors(
  baseline: readonly GeneratedFile[],
  files: readonly GeneratedFile[],
): Promise<TypeProblem[]> {
  const [before, after] = await Promise.all([typeErrors(baseline), typeErrors(files)]);
  const seen = new Map<string, number>();
  for (const error of before) seen.set(keyOf(error), (seen.get(keyOf(error)) ?? 0) + 1);
  return after.filter((error) => {
    const left = seen.get(keyOf(error)) ?? 0;
    if (left > 0) {
      seen.set(keyOf(error), left - 1);
      return false;
    }
    return true;
  });
}
