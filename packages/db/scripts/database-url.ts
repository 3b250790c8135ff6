/** DATABASE_URL when set; otherwise the embedded server the dev command uses (`.data/postgres`). */
import path from 'node:path';

import { startEmbeddedPostgres } from '../src/embedded';
import { toolingEnv } from '../src/tooling-env';

export async function resolveDatabaseUrl(): Promise<{ url: string; stop: () => Promise<void> }> {
  const fromEnv = toolingEnv().DATABASE_URL;
  if (fromEnv) return { url: fromEnv, stop: async () => undefined };
  const repoRoot = path.resolve(import.meta.dirname, '../../..');
  const handle = await startEmbeddedPostgres({ dataDir: path.join(repoRoot, '.data/postgres') });
  return { url: handle.url, stop: handle.stop };
}
