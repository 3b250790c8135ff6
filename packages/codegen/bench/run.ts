/**
 * `pnpm bench` (codegen): ejecting a 50-entity project (generation to files, the target is
 * under 5 s), and how long its output takes to type-check (`tsc --noEmit` after install and
 * Prisma generate). Prints the figures and their ratio to the target.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { validateDocument } from '@tessera/meta';

import { buildProject, projectScript } from '../src/build/ejected-project';
import { eject } from '../src/eject';
import { writeFiles } from '../src/write-files';
import { wideModel } from './model';

const TARGET_MS = 5_000;

const parsed = validateDocument(wideModel(50));
if (!parsed.ok) throw new Error(`invalid model: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
const started = performance.now();
const files = await eject({ document: parsed.document, version: 1 });
const generation = performance.now() - started;
console.log(
  `codegen: 50 entities → ${files.length} files in ${generation.toFixed(0)} ms (target ${TARGET_MS} ms, ratio ${(generation / TARGET_MS).toFixed(2)}; below 1 is within it)`,
);

const dir = await mkdtemp(path.join(tmpdir(), 'tessera-bench-wide-'));
try {
  await writeFiles(dir, files);
  // eslint-disable-next-line no-restricted-properties -- the build inherits the machine's environment
  const env = { ...process.env };
  await buildProject(dir, env);
  const checking = performance.now();
  await projectScript(dir, env)('typecheck');
  console.log(
    `codegen: the 50-entity output type-checks under strict in ${((performance.now() - checking) / 1000).toFixed(1)} s`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
