/**
 * The ejected service beside the runtime, for `pnpm bench`: the bench model ejected, installed,
 * built and started over the same database (the platform's, as a team running both would).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { buildProject, startProject, writeProject } from '@tessera/codegen/build';
import { assignIds, validateDocument, withJunctionEntities } from '@tessera/meta';

import { MODEL } from './dataset';

export async function startEjected(databaseUrl: string) {
  const parsed = validateDocument(MODEL);
  if (!parsed.ok) throw new Error('invalid bench model');
  const doc = assignIds(withJunctionEntities(parsed.document), null);
  const dir = await mkdtemp(path.join(tmpdir(), 'tessera-bench-ejected-'));
  const env = { ...process.env, DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '10' }; // eslint-disable-line no-restricted-properties -- children inherit the machine's environment
  await writeProject(doc, dir);
  await buildProject(dir, env);
  const { child, base } = await startProject(dir, env);
  return {
    port: Number(new URL(base).port),
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
