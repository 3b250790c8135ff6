/**
 * A project's code generation templates over the API: versions, restore, back to built-in,
 * preview for an entity, refusals, permission and audit; the CLI's ejection uses them.
 */
import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { BASE, houseStyle, publishCodegenShop, ref, SERVICE } from './test/codegen-shop';
import { callerAs, testServices } from './test/fixtures';

let t: TestDatabase;
const services = () => testServices(t.db, { databaseUrl: t.url });

beforeAll(async () => {
  t = await createTestDatabase();
  await publishCodegenShop(services());
}, 120_000);
afterAll(() => t.drop());

describe('templates in the console', () => {
  it('are listed, edited as versions, restored and set back to built-in; each change audited', async () => {
    const { caller } = await callerAs(services(), ['admin']);
    const list = await caller.codegen.templates.list(ref);
    expect(list.entities).toEqual(['customer', 'invoice']);
    expect(list.templates.find((x) => x.name === SERVICE)).toMatchObject({
      perEntity: true,
      overridden: false,
      version: null,
    });
    const original = await caller.codegen.templates.source({ ...ref, name: SERVICE });
    expect(original.source).toBe(original.builtIn);

    const edited = houseStyle(original.builtIn);
    expect(
      await caller.codegen.templates.save({
        ...ref,
        name: SERVICE,
        source: edited,
        note: 'house style',
      }),
    ).toEqual({ version: 1 });
    await caller.codegen.templates.reset({ ...ref, name: SERVICE });
    let now = await caller.codegen.templates.source({ ...ref, name: SERVICE });
    expect(now).toMatchObject({ overridden: false, source: original.builtIn });
    await caller.codegen.templates.restore({ ...ref, name: SERVICE, version: 1 });
    now = await caller.codegen.templates.source({ ...ref, name: SERVICE });
    expect(now).toMatchObject({ overridden: true, source: edited });
    expect(now.versions.map((v) => [v.version, v.builtIn, v.note])).toEqual([
      [3, false, 'Restored version 1'],
      [2, true, 'Back to the built-in template'],
      [1, false, 'house style'],
    ]);
    expect(now.versions[0]?.by).toMatch(/@/);
    const listed = await caller.codegen.templates.list(ref);
    expect(listed.templates.find((x) => x.name === SERVICE)).toMatchObject({
      overridden: true,
      version: 3,
    });

    const audit = await t.db.auditLog.findMany({
      where: { resource: 'template' },
      orderBy: { at: 'asc' },
      select: { action: true, resourceId: true },
    });
    expect(audit.map((a) => a.action)).toEqual([
      'template.save',
      'template.reset',
      'template.restore',
    ]);
    expect(audit[0]?.resourceId).toBe(`shop/nestjs-prisma/${SERVICE}`);

    // The CLI's ejection (the API's preview) uses the project's template.
    const file = await caller.codegen.preview({
      project: 'shop',
      path: 'src/invoice/invoice.service.ts',
    });
    expect(file.file?.content).toMatch(/^\/\/ House style: Invoice/);
  });

  it('refuse a template that does not compile, naming the line', async () => {
    const { caller } = await callerAs(services(), ['admin']);
    await expect(
      caller.codegen.templates.save({
        ...ref,
        name: BASE,
        source: 'a\nb\n{{#if x}}\nnever closed',
        note: null,
      }),
    ).rejects.toThrow(/Template entity\/base\/service.base.ts, line \d+/);
    await expect(
      caller.codegen.templates.save({ ...ref, name: 'ghost.ts', source: 'x', note: null }),
    ).rejects.toThrow(/no template 'ghost.ts'/);
    expect(await t.db.templateOverride.count({ where: { name: BASE } })).toBe(0);
  });

  it('preview for a chosen entity as edited, and report a template error with its line', async () => {
    const { caller } = await callerAs(services(), ['modeler']);
    const saved = await caller.codegen.templates.preview({
      ...ref,
      name: SERVICE,
      entity: 'invoice',
    });
    expect(saved).toMatchObject({
      ok: true,
      path: 'src/invoice/invoice.service.ts',
      entity: 'invoice',
    });
    expect(saved.ok && saved.content).toMatch(/^\/\/ House style: Invoice/);
    const draft = await caller.codegen.templates.preview({
      ...ref,
      name: SERVICE,
      entity: 'customer',
      source: '// {{code}} {{model}}\nexport const x = 1;\n',
    });
    expect(draft.ok && draft.content).toBe('// customer Customer\nexport const x = 1;\n');
    const broken = await caller.codegen.templates.preview({
      ...ref,
      name: SERVICE,
      source: 'line one\nline two\n{{#each fields}}',
    });
    expect(broken).toMatchObject({ ok: false, template: SERVICE, line: expect.any(Number) });
  });

  it('need template:update to change', async () => {
    const { caller } = await callerAs(services(), ['modeler']);
    await expect(
      caller.codegen.templates.save({ ...ref, name: SERVICE, source: 'x', note: null }),
    ).rejects.toThrow(/template:update/);
    await expect(caller.codegen.templates.reset({ ...ref, name: SERVICE })).rejects.toThrow(
      /template:update/,
    );
    const { caller: viewer } = await callerAs(services(), ['viewer']);
    await expect(viewer.codegen.templates.list(ref)).rejects.toThrow(/codegen:run/);
  });
});
