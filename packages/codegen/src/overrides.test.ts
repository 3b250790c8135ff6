/**
 * A project's own templates: they replace the built-in ones in an ejection, preview for one
 * entity, are checked for type errors they bring in, and a generation zips as a first ejection.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { assignIds } from '@tessera/meta';
import { shopModel } from '@tessera/meta/testing';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ejectionArchive } from './archive';
import { newTypeErrors } from './check/type-check';
import { eject } from './eject';
import type { GeneratedFile } from './files';
import { previewTemplate } from './preview-template';
import { TemplateRenderer } from './render/renderer';
import { builtInTemplates } from './render/templates';
import { firstEjectionFiles, writeFiles } from './write-files';

const renderer = new TemplateRenderer();
const document = assignIds(shopModel(), null);
let builtIn: GeneratedFile[];
let serviceTemplate: string;
let baseTemplate: string;

beforeAll(async () => {
  builtIn = await eject({ document, version: 1, renderer });
  const sources = await builtInTemplates('nestjs-prisma');
  serviceTemplate = sources['entity/service.ts']!;
  baseTemplate = sources['entity/base/service.base.ts']!;
}, 60_000);
afterAll(() => renderer.close());

/** `previewTemplate` on the shop, of the entity service template unless told otherwise. */
const preview = (input: Partial<Parameters<typeof previewTemplate>[0]>) =>
  previewTemplate({
    document,
    version: 1,
    target: 'nestjs-prisma',
    name: 'entity/service.ts',
    renderer,
    ...input,
  });

const houseStyle = () => `// House style: {{model}} belongs to the shop team.\n${serviceTemplate}`;

describe("a project's templates", () => {
  it('lists the built-in templates by name, with their sources', async () => {
    const sources = await builtInTemplates('nestjs-prisma');
    expect(Object.keys(sources)).toContain('entity/base/controller.base.ts');
    expect(Object.keys(sources)).toContain('src/main.ts');
    expect(await builtInTemplates('amis-pages')).toEqual({});
  });

  it('replace the built-in ones in an ejection, and only those', async () => {
    const files = await eject({
      document,
      version: 1,
      renderer,
      templates: { 'entity/service.ts': houseStyle() },
    });
    const order = files.find((f) => f.path === 'src/order/order.service.ts')!;
    expect(order.content).toMatch(/^\/\/ House style: Order belongs to the shop team\./);
    expect(order.template).toBe('entity/service.ts');
    const changed = files.filter(
      (f) => f.content !== builtIn.find((b) => b.path === f.path)?.content,
    );
    const services = builtIn.filter((f) => f.template === 'entity/service.ts');
    expect(services.length).toBeGreaterThanOrEqual(document.entities.length);
    expect(changed.map((f) => f.path).sort()).toEqual(services.map((f) => f.path).sort());
    await expect(
      eject({ document, version: 1, renderer, templates: { 'nope.ts': 'x' } }),
    ).rejects.toThrow(/no template 'nope.ts'/);
  });

  it('preview for a chosen entity, and name the line of an error', async () => {
    const rendered = await preview({ source: houseStyle(), entity: 'customer' });
    expect(rendered).toMatchObject({
      path: 'src/customer/customer.service.ts',
      entity: 'customer',
    });
    expect(rendered.content).toContain('// House style: Customer belongs to the shop team.');
    const project = await preview({ name: 'src/main.ts' });
    expect(project).toMatchObject({ path: 'src/main.ts', entity: null });
    await expect(preview({ source: 'ok\n\n{{#each fields}}\nnever closed' })).rejects.toMatchObject(
      {
        details: { template: 'entity/service.ts', line: expect.any(Number) },
      },
    );
    await expect(preview({ source: '{{modle}}' })).rejects.toThrow(
      /Template entity\/service.ts: .*modle/,
    );
    await expect(preview({ entity: 'ghost' })).rejects.toThrow(
      /Entity 'ghost' is not in the published model/,
    );
  });

  it('are checked for the type errors they bring in, not the ones every output has here', async () => {
    expect(await newTypeErrors(builtIn, builtIn)).toEqual([]);
    const broken = baseTemplate.replace(
      /^(export class)/m,
      "const pageSize: number = 'twenty';\nvoid pageSize;\n\n$1",
    );
    expect(broken).not.toBe(baseTemplate);
    const files = await eject({
      document,
      version: 1,
      renderer,
      templates: { 'entity/base/service.base.ts': broken },
    });
    const errors = await newTypeErrors(builtIn, files);
    // One per entity's base service, and nowhere else.
    const bases = files.filter((f) => f.template === 'entity/base/service.base.ts');
    expect(new Set(errors.map((e) => e.path))).toEqual(new Set(bases.map((f) => f.path)));
    expect(errors[0]).toMatchObject({
      path: expect.stringMatching(/^src\/[a-z-]+\/base\/[a-z-]+\.service\.base\.ts$/),
      code: 'TS2322',
      line: expect.any(Number),
    });
  }, 60_000);

  it('zip a generation as a first ejection writes it, ready to regenerate over', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tessera-archive-'));
    try {
      const source = { project: 'shop', version: 1, target: 'nestjs-prisma' };
      await writeFiles(dir, builtIn, { source });
      const written = (await readdir(dir, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile())
        .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
        .sort();
      const fresh = firstEjectionFiles(builtIn, source);
      expect(fresh.map((f) => f.path).sort()).toEqual(written);
      for (const file of fresh)
        expect(file.content, file.path).toBe(await readFile(path.join(dir, file.path), 'utf8'));

      const zip = unzipSync(ejectionArchive([{ target: 'nestjs-prisma', files: builtIn, source }]));
      expect(Object.keys(zip).sort()).toEqual(written.map((p) => `nestjs-prisma/${p}`));
      expect(JSON.parse(strFromU8(zip['nestjs-prisma/.tessera/manifest.json']!))).toMatchObject(
        source,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
