/**
 * `pnpm dev` from nothing: embedded PostgreSQL in a fresh data directory, migrations, seed, the
 * three apps, the environment's administrator able to sign in, and a clean stop on SIGINT.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, init?: RequestInit, timeoutMs = 120_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(url, init).catch(() => null);
    if (res?.ok) return res;
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

let dataDir = '';
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('pnpm dev', () => {
  it(
    'brings the platform up on embedded PostgreSQL and stops it cleanly',
    { timeout: 240_000 },
    async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'tessera-dev-'));
      await chmod(dataDir, 0o755);
      const [pgPort, webPort, runtimePort, designerPort] = await Promise.all([
        freePort(),
        freePort(),
        freePort(),
        freePort(),
      ]);
      const { DATABASE_URL: _db, REDIS_URL: _redis, ...inherited } = process.env;
      const dev = spawn(path.join(root, 'node_modules/.bin/tsx'), ['scripts/dev.ts'], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...inherited,
          TESSERA_DATA_DIR: dataDir,
          TESSERA_PG_PORT: String(pgPort),
          WEB_PORT: String(webPort),
          RUNTIME_PORT: String(runtimePort),
          DESIGNER_PORT: String(designerPort),
          TESSERA_ADMIN_EMAIL: 'dev-admin@example.com',
          TESSERA_ADMIN_PASSWORD: 'dev-admin-password',
          LOG_LEVEL: 'warn',
        },
      });
      let output = '';
      dev.stdout.on('data', (d: Buffer) => (output += d.toString()));
      dev.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const exited = new Promise<number | null>((r) => dev.once('exit', (code) => r(code)));

      try {
        const runtime = await (await waitFor(`http://127.0.0.1:${runtimePort}/health`)).json();
        expect(runtime).toMatchObject({ status: 'healthy', metadataVersion: null });
        await waitFor(`http://127.0.0.1:${designerPort}/`);
        const web = await (await waitFor(`http://127.0.0.1:${webPort}/api/health`)).json();
        expect(web).toMatchObject({ status: 'healthy' });
        const login = await waitFor(`http://127.0.0.1:${webPort}/api/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'dev-admin@example.com', password: 'dev-admin-password' }),
        });
        expect(await login.json()).toMatchObject({ tokenType: 'Bearer' });
        expect(output).toContain(`Console   http://localhost:${webPort}`);
        expect(output).toContain('Applied migrations');
      } catch (error) {
        throw new Error(`${String(error)}\n--- pnpm dev output ---\n${output.slice(-8000)}`, {
          cause: error,
        });
      } finally {
        dev.kill('SIGINT');
      }
      expect(await exited).toBe(0);
      expect(output).toContain('Stopping PostgreSQL');
      for (const port of [pgPort, webPort, runtimePort, designerPort])
        expect(await portOpen(port)).toBe(false);
    },
  );
});
