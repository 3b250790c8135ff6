/**
 * Starts the console twice for end-to-end tests, each on a fresh database (on DATABASE_URL's
 * server, or an embedded one) from the production build: one whose first admin comes from the
 * environment, with the runtime beside it on the same database (its data pages call it), and
 * one with no user at all, for the first-run setup screen.
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
const runtimeDir = path.resolve(appDir, '../runtime');

/** Starts a server and waits until its health endpoint answers; returns its stop. */
async function startServer(
  name: string,
  cwd: string,
  args: string[],
  env: Record<string, string>,
  healthUrl: string,
) {
  // No shared Redis: repeated runs on one machine must not share login budgets.
  const server = spawn(path.join(cwd, 'node_modules', '.bin', 'tsx'), args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...inheritedEnv(), NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
  });
  const exited = new Promise<number | null>((r) => server.once('exit', r));
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    const ok = await fetch(healthUrl).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (server.exitCode !== null)
      throw new Error(`The ${name} exited with code ${server.exitCode} during start-up`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The ${name} did not become healthy within 90 s`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return stop;
}

/**
 * Runs `starts` together and returns their stops; if any fails, the others are stopped
 * before the failure is thrown, so no server outlives a failed set-up (and holds the run open).
 */
async function startAll(starts: Promise<() => Promise<void>>[]) {
  const settled = await Promise.allSettled(starts);
  const failed = settled.find((s) => s.status === 'rejected');
  const stops = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  if (failed) {
    await Promise.allSettled(stops.map((stop) => stop()));
    throw failed.reason;
  }
  return stops;
}

async function startConsole(
  adminUrl: string,
  port: number,
  admin: { email: string; password: string } | null,
  runtimePort?: number,
) {
  const database = `tessera_e2e_${port}_${Date.now().toString(36)}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${database}"`);
  const databaseUrl = withDatabase(adminUrl, database);
  const origin = `http://127.0.0.1:${port}`;
  const runtimeUrl = runtimePort ? `http://127.0.0.1:${runtimePort}` : undefined;
  const stopConsole = await startServer(
    'console',
    appDir,
    ['server.ts'],
    {
      DATABASE_URL: databaseUrl,
      WEB_PORT: String(port),
      WEB_HOST: '127.0.0.1',
      NEXT_TELEMETRY_DISABLED: '1',
      ...(runtimeUrl ? { RUNTIME_URL: runtimeUrl } : {}),
      ...(admin
        ? { TESSERA_ADMIN_EMAIL: admin.email, TESSERA_ADMIN_PASSWORD: admin.password }
        : {}),
    },
    `${origin}/api/health`,
  );
  // The console migrated the database; the runtime serves the same one.
  let stopRuntime = async () => undefined as void;
  if (runtimeUrl) {
    try {
      stopRuntime = await startServer(
        'runtime',
        runtimeDir,
        ['src/main.ts'],
        {
          DATABASE_URL: databaseUrl,
          RUNTIME_PORT: String(runtimePort),
          RUNTIME_HOST: '127.0.0.1',
          RUNTIME_ALLOWED_ORIGINS: origin,
          // Every data request counts as slow, so the monitoring panel has some to show.
          RUNTIME_SLOW_REQUEST_MS: '1',
        },
        `${runtimeUrl}/health`,
      );
    } catch (error) {
      await stopConsole();
      await dropDatabase(adminUrl, database);
      throw error;
    }
  }
  return async () => {
    await stopRuntime();
    await stopConsole();
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
  const stops = await startAll([
    startConsole(adminUrl, port, E2E_ADMIN, port + 2),
    startConsole(adminUrl, port + 1, null),
  ]).catch(async (error: unknown) => {
    await stopEmbedded();
    throw error;
  });
  shareWithWorkers('E2E_SETUP_URL', `http://127.0.0.1:${port + 1}`);
  shareWithWorkers('E2E_RUNTIME_URL', `http://127.0.0.1:${port + 2}`);

  return async () => {
    await Promise.all(stops.map((stop) => stop()));
    await stopEmbedded();
  };
}
