/**
 * `prisma generate`, offline. The CLI insists on locating a native schema engine even though
 * generation never runs it; pointing it at any existing file stops the download attempt.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

import { toolingEnv } from '../src/tooling-env';

const require = createRequire(import.meta.url);
const prismaCli = path.join(path.dirname(require.resolve('prisma/package.json')), 'build/index.js');

const result = spawnSync(process.execPath, [prismaCli, 'generate'], {
  stdio: 'inherit',
  cwd: path.resolve(import.meta.dirname, '..'),
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: toolingEnv().PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
});
process.exit(result.status ?? 1);
