/**
 * Starts the console for end-to-end tests: a fresh database (on DATABASE_URL's server, or an
 * embedded one), the production build, and the first admin from the environment.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { startEmbeddedPostgres } from '@tessera/db/embedded';
import { adminQuery, dropDatabase, withDatabase } from '@tessera/db/testing';

import { E2E_ADMIN } from './fixtures';

const appDir = path.resolve(import.meta.dirname, '..');

export default async function globalSetup() {
  if (!existsSync(path.join(appDir, '.next', 'BUILD_ID'))) {
    throw new Error(
      'No production build: run `pnpm --filter @tessera/web build` (turbo does it before `test`).',
    );
  }
  const port = Number(process.env.E2E_PORT ?? 3199);
  let adminUrl = process.env.DATABASE_URL;
  let stopEmbedded = async () => undefined as void;
  if (!adminUrl) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tessera-e2e-pg-'));
    await chmod(dir, 0o755);
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), ephemeral: true });
    adminUrl = pg.adminUrl;
    stopEmbedded = async () => {
      await pg.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  const database = `tessera_e2e_${Date.now().toString(36)}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${database}"`);

  const { REDIS_URL: _ignored, ...inherited } = process.env;
  const server = spawn(path.join(appDir, 'node_modules', '.bin', 'tsx'), ['server.ts'], {
    cwd: appDir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...inherited,
      NODE_ENV: 'production',
      DATABASE_URL: withDatabase(adminUrl, database),
      WEB_PORT: String(port),
      WEB_HOST: '127.0.0.1',
      TESSERA_ADMIN_EMAIL: E2E_ADMIN.email,
      TESSERA_ADMIN_PASSWORD: E2E_ADMIN.password,
      LOG_LEVEL: 'warn',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  const exited = new Promise<number | null>((r) => server.once('exit', r));

  const deadline = Date.now() + 90_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (server.exitCode !== null)
      throw new Error(`The console exited with code ${server.exitCode} during start-up`);
    if (Date.now() > deadline) throw new Error('The console did not become healthy within 90 s');
    await new Promise((r) => setTimeout(r, 500));
  }
  process.env.E2E_DATABASE_URL = withDatabase(adminUrl, database);

  return async () => {
    server.kill('SIGTERM');
    await exited;
    await dropDatabase(adminUrl, database);
    await stopEmbedded();
  };
}
