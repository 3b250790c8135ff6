/**
 * The designer's dev server listens on this machine only, and serves the app's own files, not
 * the repository around it (where `pnpm dev` keeps its PostgreSQL data in `.data/`).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const appDir = path.resolve(import.meta.dirname, '..');
const repoDir = path.resolve(appDir, '../..');
// Where `pnpm dev` keeps the embedded PostgreSQL: a file like its own, for this test.
const secretDir = path.join(repoDir, '.data', 'designer-test');
let server: ViteDevServer;
let base: string;

beforeAll(async () => {
  await mkdir(secretDir, { recursive: true });
  await writeFile(path.join(secretDir, 'pg_hba.conf'), 'host all all 0.0.0.0/0 trust\n');
  server = await createServer({
    configFile: path.join(appDir, 'vite.config.ts'),
    // As the scripts load it (`--configLoader runner`): its env check imports TypeScript.
    configLoader: 'runner',
    root: appDir,
    server: { port: 0, strictPort: false },
    logLevel: 'silent',
  });
  await server.listen();
  const address = server.httpServer!.address() as AddressInfo;
  base = `http://127.0.0.1:${address.port}`;
}, 60_000);
afterAll(async () => {
  await server?.close();
  await rm(secretDir, { recursive: true, force: true });
});

describe('the designer dev server', () => {
  it('listens on 127.0.0.1 unless told otherwise', () => {
    expect((server.httpServer!.address() as AddressInfo).address).toBe('127.0.0.1');
  });

  it("serves the app's own files", async () => {
    expect((await fetch(`${base}/designer/`)).status).toBe(200);
    expect((await fetch(`${base}/designer/src/main.tsx`)).status).toBe(200);
  });

  it('serves nothing else of the repository', async () => {
    for (const file of [
      path.join(secretDir, 'pg_hba.conf'),
      path.join(repoDir, 'package.json'),
      path.join(repoDir, 'apps/web/next.config.ts'),
    ]) {
      const res = await fetch(`${base}/designer/@fs${file}`);
      expect(res.status, file).toBe(403);
    }
  });
});
