/**
 * An ejected project made ready to run, as its README says: written to a folder, installed,
 * built (Prisma client generated), and started on a free port. The integration tests and the
 * benchmarks share it.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

import type { ModelDocument } from '@tessera/meta';

import { eject } from '../eject';
import { writeFiles } from '../write-files';

const run = promisify(execFile);

export type Env = Record<string, string | undefined>;

/** Runs a package script of the project; a failure carries what the script printed. */
export function projectScript(dir: string, env: Env) {
  return (name: string, extra: Env = {}) =>
    run('pnpm', ['run', '--silent', name], {
      cwd: dir,
      env: { ...env, ...extra },
      maxBuffer: 16 << 20,
    }).catch((error: Error & { stdout?: string; stderr?: string }) => {
      throw new Error(
        `pnpm ${name} failed:\n${error.stdout?.slice(-3000) ?? ''}\n${error.stderr?.slice(-3000) ?? ''}`,
        { cause: error },
      );
    });
}

/** Ejects `doc` into `dir` (which must be empty). */
export async function writeProject(doc: ModelDocument, dir: string, version = 1) {
  await writeFiles(dir, await eject({ document: doc, version }));
}

/** Installs and builds the project in `dir`. */
export async function buildProject(dir: string, env: Env) {
  await run('pnpm', ['install', '--prefer-offline'], { cwd: dir, env, maxBuffer: 16 << 20 });
  await projectScript(dir, env)('build');
}

/** Starts the built service on a free port; resolves with its base URL once it listens. */
export function startProject(
  dir: string,
  env: Env,
  onStderr?: (chunk: Buffer) => void,
): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: dir,
    env: { ...env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ child, base: url });
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      onStderr?.(chunk);
    });
    child.once('exit', (code) =>
      reject(new Error(`The ejected service exited (${code}): ${err.slice(-2000)}`)),
    );
  });
}
