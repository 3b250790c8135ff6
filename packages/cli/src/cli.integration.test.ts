import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { appRouter, createContextFromRequest } from '@tessera/api';
import { handleTokenRequest } from '@tessera/api/http';
import { createLoginThrottle } from '@tessera/auth/rate-limit';
import { createSession, hashPassword } from '@tessera/auth';
import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { projectReport } from '../examples/platform-api';
import { run } from './run';

let t: TestDatabase;
let server: Server;
let url: string;
let token: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const services = {
    db: t.db,
    databaseUrl: t.url,
    logger: console,
    loginThrottle: createLoginThrottle({ store: { kind: 'memory' } }),
  };
  // The console's two HTTP entry points the CLI uses, without Next.js around them.
  server = createServer((req, res) => void bridge(req, res));
  async function bridge(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = new Request(`http://${req.headers.host}${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks),
    });
    const response = req.url?.startsWith('/api/auth/token')
      ? await handleTokenRequest(services, request, { requestId: 'cli-test', ip: '127.0.0.1' })
      : await fetchRequestHandler({
          endpoint: '/api/trpc',
          req: request,
          router: appRouter,
          createContext: ({ resHeaders }) =>
            createContextFromRequest({ services, req: request, resHeaders }),
        });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  }
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const modeler = await t.db.role.findUniqueOrThrow({
    where: { code: 'modeler' },
    select: { id: true },
  });
  const user = await t.db.user.create({
    data: {
      email: 'cli@example.com',
      passwordHash: await hashPassword('cli-password'),
      roles: { create: { roleId: modeler.id } },
    },
    select: { id: true },
  });
  token = (await createSession({ db: t.db }, user.id)).token;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await t.drop();
});

async function tessera(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(
    argv,
    { TESSERA_URL: url, TESSERA_TOKEN: token, TESSERA_PASSWORD: 'cli-password' },
    { out: (l) => out.push(l), err: (l) => err.push(l) },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('tessera CLI', () => {
  it('imports, plans, publishes and exports the shop model', async () => {
    const shop = path.resolve(import.meta.dirname, '../../meta/src/fixtures/shop.yaml');
    const imported = await tessera('schema', 'import', 'shop', shop);
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('✓');
    expect(imported.out).toContain('Create table customer');
    const published = await tessera('schema', 'publish', 'shop');
    expect(published).toMatchObject({ code: 0, out: "Published 'shop' as version 1 (4 step(s))." });
    expect((await tessera('schema', 'plan', 'shop')).out).toBe(
      'Nothing to change: the database matches the model.',
    );
    // TypeScript for it, as this caller (a modeler: data:read) may use it, formatted.
    const printed = await tessera('types', 'shop');
    expect(printed.code, printed.err).toBe(0);
    expect(printed.out).toContain('export interface Customer {');
    expect(printed.out).toContain('create: never;');
    expect(printed.out).toContain("status: 'new' | 'paid' | 'shipped' | null;");
    const typesFile = path.join(tmpdir(), `tessera-cli-types-${process.pid}.ts`);
    const written = await tessera('types', 'shop', '--out', typesFile);
    expect(written.out).toBe(`Wrote ${typesFile} (shop, version 1)`);
    expect(await readFile(typesFile, 'utf8')).toBe(`${printed.out}\n`);
    await rm(typesFile);
    // The documented script on the platform's tRPC API works (and compiles, with pnpm typecheck).
    const report = await projectReport({ url, token, project: 'shop' });
    expect(report).toMatchObject({
      signedInAs: 'cli@example.com',
      published: [{ version: 1, at: expect.any(Date) }],
      pendingSteps: [],
    });
    const exported = await tessera('schema', 'export', 'shop', '--format', 'json');
    expect(JSON.parse(exported.out)).toMatchObject({
      project: 'shop',
      entities: [{ code: 'customer' }, { code: 'order' }],
    });
  });

  it('ejects the published project into a folder, keeps the developer’s files, refuses a foreign folder', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'tessera-cli-eject-'));
    try {
      const first = await tessera('eject', 'shop', '--out', out);
      expect(first.code, first.err).toBe(0);
      expect(first.out).toContain('new      prisma/schema.prisma');
      expect(first.out).toContain('new      src/customer/customer.service.ts');
      const schema = await readFile(path.join(out, 'prisma/schema.prisma'), 'utf8');
      expect(schema).toMatch(/model Customer \{/);
      expect(schema).toContain('@@schema("shop")');
      // The developer changes their own service; regenerating keeps it.
      const mine = path.join(out, 'src/customer/customer.service.ts');
      await writeFile(mine, '// mine\n');
      // And an edit of a generated file: merged, or marked where the generation changed it too.
      const base = path.join(out, 'src/customer/base/customer.service.base.ts');
      const generated = await readFile(base, 'utf8');
      await writeFile(base, `${generated}\n// a line of mine at the end\n`);
      const dry = await tessera('eject', 'shop', '--out', out, '--dry-run');
      expect(dry.code, dry.err).toBe(0);
      expect(dry.out).toContain('Would regenerate');
      expect(dry.out).toMatch(/kept +src\/customer\/base\/customer\.service\.base\.ts/);
      const again = await tessera('eject', 'shop', '--out', out);
      expect(again.code, again.err).toBe(0);
      expect(again.out).toMatch(/kept +src\/customer\/customer\.service\.ts/);
      expect(await readFile(mine, 'utf8')).toBe('// mine\n');
      expect(await readFile(base, 'utf8')).toContain('// a line of mine at the end');
      // The model changes and is published again: the migrations carry on from version 1.
      const exported = JSON.parse(
        (await tessera('schema', 'export', 'shop', '--format', 'json')).out,
      ) as {
        entities: { code: string; fields: Record<string, unknown>[] }[];
      };
      exported.entities
        .find((e) => e.code === 'customer')!
        .fields.push({ code: 'phone', type: 'string', length: 30 });
      const v2 = path.join(out, '..', `${path.basename(out)}-v2.json`);
      await writeFile(v2, JSON.stringify(exported));
      expect((await tessera('schema', 'import', 'shop', v2)).code).toBe(0);
      expect((await tessera('schema', 'publish', 'shop')).out).toContain('as version 2');
      await rm(v2);
      const init = await readFile(
        path.join(out, 'prisma/migrations/000001_init/migration.sql'),
        'utf8',
      );
      const regenerated = await tessera('eject', 'shop', '--out', out);
      expect(regenerated.code, regenerated.err).toBe(0);
      expect(regenerated.out).toMatch(/new +prisma\/migrations\/000002_v2\/migration\.sql/);
      expect(regenerated.out).not.toContain('000001_init');
      expect(
        await readFile(path.join(out, 'prisma/migrations/000001_init/migration.sql'), 'utf8'),
      ).toBe(init);
      expect(
        await readFile(path.join(out, 'prisma/migrations/000002_v2/migration.sql'), 'utf8'),
      ).toMatch(/ADD COLUMN "phone" varchar\(30\)/);
      expect(
        JSON.parse(await readFile(path.join(out, '.tessera/manifest.json'), 'utf8')),
      ).toMatchObject({
        project: 'shop',
        version: 2,
        base: 1,
      });
      expect(await readFile(mine, 'utf8')).toBe('// mine\n');
      const foreign = await mkdtemp(path.join(tmpdir(), 'tessera-cli-foreign-'));
      await writeFile(path.join(foreign, 'notes.txt'), 'x');
      const refused = await tessera('eject', 'shop', '--out', foreign);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('neither empty nor an earlier ejection');
      expect(await readFile(path.join(foreign, 'notes.txt'), 'utf8')).toBe('x');
      await rm(foreign, { recursive: true, force: true });
      expect((await tessera('eject', 'shop')).code).toBe(2);
      const pages = await mkdtemp(path.join(tmpdir(), 'tessera-cli-pages-'));
      const ejected = await tessera(
        'eject',
        'shop',
        '--out',
        pages,
        '--target',
        'amis-pages',
        '--service-url',
        'https://svc.example',
      );
      expect(ejected.code, ejected.err).toBe(0);
      expect(await readFile(path.join(pages, 'pages/customer.json'), 'utf8')).toContain(
        'https://svc.example/api/v1/shop/customer',
      );
      await rm(pages, { recursive: true, force: true });
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('signs in for a token, and reports errors with the server’s message', async () => {
    const login = await tessera('login', 'cli@example.com');
    expect(login.code).toBe(0);
    expect(login.out).toMatch(/^[a-z0-9]+\.[a-z0-9]+$/);
    const missing = await tessera('schema', 'plan', 'nowhere');
    expect(missing).toMatchObject({ code: 1, err: "Error (404): No project 'nowhere'" });
    expect((await tessera('schema', 'frobnicate', 'shop')).code).toBe(2);
    const badEnv = await run(
      ['schema', 'plan', 'shop'],
      { TESSERA_URL: 'ftp://x' },
      { out: () => undefined, err: () => undefined },
    );
    expect(badEnv).toBe(2);
  });
});
