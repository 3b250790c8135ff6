/**
 * Starts the console twice for end-to-end tests, each on a fresh database (on DATABASE_URL's
 * server, or an embedded one) from the production build: one whose first admin comes from the
 * environment, and one with no user at all, for the first-run setup screen.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { startEmbeddedPostgres } from '@tessera/db/embedded';
import { adminQuery, dropDatabase, withDatabase } from '@tessera/db/testing';

import { e2eEnv, inheritedEnv, shareWithWorkers } from './env';
import { E2E_ADMIN } from './fixtures';

const appDir = path.resolve(import.meta.dirname, '..');

async function startConsole(
  adminUrl: string,
  port: number,
  admin: { email: string; password: string } | null,
) {
  const database = `tessera_e2e_${port}_${Date.now().toString(36)}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${database}"`);
  // No shared Redis: repeated runs on one machine must not share login budgets.
  const inherited = inheritedEnv();
  const server = spawn(path.join(appDir, 'node_modules', '.bin', 'tsx'), ['server.ts'], {
    cwd: appDir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...inherited,
      NODE_ENV: 'production',
      DATABASE_URL: withDatabase(adminUrl, database),
      WEB_PORT: String(port),
      WEB_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NEXT_TELEMETRY_DISABLED: '1',
      ...(admin
        ? { TESSERA_ADMIN_EMAIL: admin.email, TESSERA_ADMIN_PASSWORD: admin.password }
        : {}),
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
  return async () => {
    server.kill('SIGTERM');
    await exited;
    await dropDatabase(adminUrl, database);
  };
}

export default async function globalSetup() {
  if (!existsSync(path.join(appDir, '.next', 'BUILD_ID'))) {
    throw new Error(
      'No production build: run `pnpm --filter @tessera/web build` (turbo does it before `test`).',
    );
  }
  const env = e2eEnv();
  const port = env.E2E_PORT;
  let adminUrl = env.DATABASE_URL;
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
  const stops = await Promise.all([
    startConsole(adminUrl, port, E2E_ADMIN),
    startConsole(adminUrl, port + 1, null),
  ]);
  shareWithWorkers('E2E_SETUP_URL', `http://127.0.0.1:${port + 1}`);

  return async () => {
    await Promise.all(stops.map((stop) => stop()));
    await stopEmbedded();
  };
}
