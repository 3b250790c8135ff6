/**
 * Code generation runs from the console, over the API: what a generation would produce against
 * the last one, runs kept with their history and zip (downloaded over HTTP), a template change
 * seen against the last run, failures that change nothing, and migrations across versions.
 */
import { createSession } from '@tessera/auth';
import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { handleCodegenArchive } from './http/codegen-archive';
import { BASE, houseStyle, publishCodegenShop, ref, SERVICE } from './test/codegen-shop';
import { callerAs, seedUser, testServices } from './test/fixtures';

let t: TestDatabase;
const services = () => testServices(t.db, { databaseUrl: t.url });

beforeAll(async () => {
  t = await createTestDatabase();
  const caller = await publishCodegenShop(services());
  // The project's own entity service template, as a team lead saved it.
  const source = await caller.codegen.templates.source({ ...ref, name: SERVICE });
  await caller.codegen.templates.save({
    ...ref,
    name: SERVICE,
    source: houseStyle(source.builtIn),
    note: 'house style',
  });
}, 120_000);
afterAll(() => t.drop());

/** GET /api/codegen/runs/{id}/archive as a user of `roles`. */
async function download(id: string, roles = ['modeler']) {
  const user = await seedUser(t.db, roles);
  const { token } = await createSession({ db: t.db }, user.id);
  return handleCodegenArchive(
    services(),
    new Request(`http://console/api/codegen/runs/${id}/archive`, {
      headers: { authorization: `Bearer ${token}` },
    }),
    id,
    { requestId: 'archive-test', ip: '127.0.0.1' },
  );
}

async function generate(caller: Awaited<ReturnType<typeof callerAs>>['caller']) {
  const events = [];
  for await (const event of await caller.codegen.generate({
    project: 'shop',
    targets: ['nestjs-prisma', 'amis-pages'],
  }))
    events.push(event);
  const done = events.at(-1);
  if (done?.type !== 'done') throw new Error(`no done event: ${JSON.stringify(done)}`);
  return { events, run: done.run };
}

describe('generations from the console', () => {
  it('plan, run with progress, keep the run and zip it; the next plan compares with it', async () => {
    const { caller } = await callerAs(services(), ['modeler']);
    expect(await caller.codegen.projects()).toEqual([
      { code: 'shop', name: expect.any(String), publishedVersion: 1 },
    ]);
    const first = await caller.codegen.plan({
      project: 'shop',
      targets: ['nestjs-prisma', 'amis-pages'],
    });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.last).toBeNull();
    expect(first.targets.map((x) => x.target)).toEqual(['nestjs-prisma', 'amis-pages']);
    const nest = first.targets[0]!;
    expect(nest.files.every((f) => f.action === 'new' && f.content !== null)).toBe(true);
    expect(nest.files.find((f) => f.path === 'src/invoice/invoice.service.ts')?.content).toMatch(
      /House style/,
    );

    const { events, run } = await generate(caller);
    expect(events[0]).toMatchObject({ type: 'started', runId: run.id });
    const progress = events.flatMap((e) => (e.type === 'progress' ? [e] : []));
    expect(progress.some((p) => p.target === 'nestjs-prisma' && p.step === 'check')).toBe(true);
    expect(progress.some((p) => p.target === 'amis-pages' && p.done === p.total)).toBe(true);
    expect(run).toMatchObject({
      status: 'succeeded',
      modelVersion: 1,
      templateVersions: { [`nestjs-prisma/${SERVICE}`]: 1 },
      by: expect.stringMatching(/@/),
    });
    expect(run.summary?.['nestjs-prisma']?.new).toBe(nest.files.length);

    const again = await caller.codegen.plan({ project: 'shop', targets: ['nestjs-prisma'] });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.last?.id).toBe(run.id);
    expect(again.targets[0]!.files.every((f) => ['unchanged', 'kept'].includes(f.action))).toBe(
      true,
    );
    expect(again.targets[0]!.files.every((f) => f.previous === null)).toBe(true);

    const res = await download(run.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(/filename="shop-v1-\d{14}\.zip"/);
    const zip = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(strFromU8(zip['nestjs-prisma/src/invoice/invoice.service.ts']!)).toMatch(/House style/);
    expect(zip['amis-pages/pages/README.md']).toBeDefined();
    expect(JSON.parse(strFromU8(zip['nestjs-prisma/.tessera/manifest.json']!))).toMatchObject({
      project: 'shop',
      version: 1,
    });
    const audit = await t.db.auditLog.findFirst({
      where: { action: 'codegen.run' },
      select: { after: true },
    });
    expect(audit?.after).toMatchObject({ run: run.id, status: 'succeeded' });
  }, 120_000);

  it('shows what a template change does against the last run', async () => {
    const { caller } = await callerAs(services(), ['admin']);
    const base = await caller.codegen.templates.source({ ...ref, name: BASE });
    await caller.codegen.templates.save({
      ...ref,
      name: BASE,
      source: `// Reviewed by the platform team.\n${base.builtIn}`,
      note: null,
    });
    const plan = await caller.codegen.plan({ project: 'shop', targets: ['nestjs-prisma'] });
    if (!plan.ok) throw new Error(plan.error.message);
    const changed = plan.targets[0]!.files.filter(
      (f) => f.action !== 'unchanged' && f.action !== 'kept',
    );
    expect(changed.map((f) => [f.path, f.action])).toEqual(
      expect.arrayContaining([['src/invoice/base/invoice.service.base.ts', 'replaced']]),
    );
    expect(changed.every((f) => f.path.endsWith('.service.base.ts'))).toBe(true);
    const invoice = changed.find((f) => f.path.startsWith('src/invoice/'))!;
    expect(invoice.previous).not.toContain('Reviewed by the platform team');
    expect(invoice.content).toMatch(/^\/\/ Reviewed by the platform team\./);
    await caller.codegen.templates.reset({ ...ref, name: BASE });
  });

  it('a template whose output no longer type-checks fails the run, names the template, and changes nothing', async () => {
    const { caller } = await callerAs(services(), ['admin']);
    const base = await caller.codegen.templates.source({ ...ref, name: BASE });
    const before = await caller.codegen.runs({ project: 'shop' });
    const lastGood = before.find((r) => r.status === 'succeeded')!;
    await caller.codegen.templates.save({
      ...ref,
      name: BASE,
      source: base.builtIn.replace(
        /^(export class)/m,
        "const pageSize: number = 'twenty';\nvoid pageSize;\n\n$1",
      ),
      note: 'typo',
    });
    const plan = await caller.codegen.plan({ project: 'shop', targets: ['nestjs-prisma'] });
    expect(plan).toMatchObject({ ok: false, error: { template: BASE } });

    const { run } = await generate(caller);
    expect(run.status).toBe('failed');
    expect(run.error?.message).toMatch(
      /no longer type-checks: src\/.*service\.base\.ts, line \d+: Type 'string' is not assignable to type 'number'/,
    );
    expect(run.error?.typeErrors?.[0]).toMatchObject({
      template: BASE,
      code: 'TS2322',
      excerpt: "const pageSize: number = 'twenty';",
    });
    const after = await caller.codegen.runs({ project: 'shop' });
    expect(after[0]).toMatchObject({ id: run.id, status: 'failed' });
    expect(after.find((r) => r.status === 'succeeded')?.id).toBe(lastGood.id);
    const refused = await download(run.id);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      msg: expect.stringMatching(/failed: there is nothing to download/),
    });
    expect((await download(run.id, ['viewer'])).status).toBe(403);
    expect((await download(crypto.randomUUID())).status).toBe(404);

    await caller.codegen.templates.save({
      ...ref,
      name: BASE,
      source: '{{nosuchvalue}}',
      note: null,
    });
    const { run: renderFailed } = await generate(caller);
    expect(renderFailed).toMatchObject({ status: 'failed', error: { template: BASE } });
    expect(renderFailed.error?.message).toMatch(/nosuchvalue/);
    await caller.codegen.templates.reset({ ...ref, name: BASE });
  }, 120_000);

  it('carries the migrations on from the first generation when the model is published again', async () => {
    const { caller } = await callerAs(services(), ['admin']);
    const exported = JSON.parse(
      (await caller.schema.export({ project: 'shop', format: 'json' })).text,
    ) as { entities: { code: string; fields: Record<string, unknown>[] }[] };
    exported.entities
      .find((e) => e.code === 'customer')!
      .fields.push({ code: 'phone', type: 'string', length: 30 });
    await caller.schema.import({ project: 'shop', document: JSON.stringify(exported) });
    await caller.schema.publish({ project: 'shop', confirm: [] });
    const plan = await caller.codegen.plan({ project: 'shop', targets: ['nestjs-prisma'] });
    if (!plan.ok) throw new Error(plan.error.message);
    const migrations = plan.targets[0]!.files.filter((f) => f.path.endsWith('migration.sql'));
    expect(migrations.map((f) => [f.path, f.action])).toEqual([
      ['prisma/migrations/000001_init/migration.sql', 'unchanged'],
      ['prisma/migrations/000002_v2/migration.sql', 'new'],
    ]);
    expect(migrations[1]!.content).toMatch(/ADD COLUMN "phone" varchar\(30\)/);
    const { run } = await generate(caller);
    expect(run).toMatchObject({ status: 'succeeded', modelVersion: 2 });
    const zip = unzipSync(new Uint8Array(await (await download(run.id)).arrayBuffer()));
    expect(JSON.parse(strFromU8(zip['nestjs-prisma/.tessera/manifest.json']!))).toMatchObject({
      version: 2,
      base: 1,
    });
  }, 120_000);
});
