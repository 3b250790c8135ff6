/**
 * Regenerating an ejected shop after the developer edited it and the modeler changed the model:
 * every edit survives, the model's changes come in, a conflict where both changed the same lines
 * is marked and reported, and a dry run says all of it before anything is written.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { eject } from '../eject';
import { TemplateRenderer } from '../render/renderer';
import { shopV1, shopV2 } from '../test/shop-versions';
import { GENERATED_DIR, IGNORE_FILE, MANIFEST, writeFiles } from '../write-files';

let dir: string;
const renderer = new TemplateRenderer();
const v1 = shopV1();

const read = (file: string) => readFile(path.join(dir, file), 'utf8');
const exists = (file: string) =>
  stat(path.join(dir, file)).then(
    () => true,
    () => false,
  );

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tessera-regenerate-'));
  await writeFiles(dir, await eject({ document: v1, version: 1, renderer }), {
    source: { version: 1 },
  });
}, 60_000);
afterAll(async () => {
  await renderer.close();
  await rm(dir, { recursive: true, force: true });
});

describe('regenerating an edited ejection after a model change', () => {
  it('keeps every edit, brings the model change in, and marks a conflict', async () => {
    // The developer: their own service, a generated base file, the README, and a file to keep.
    await writeFile(path.join(dir, 'src/customer/customer.service.ts'), '// my customer service\n');
    const schemas = 'src/customer/base/customer.schemas.ts';
    const generatedSchemas = await read(schemas);
    await writeFile(path.join(dir, schemas), `// reviewed by the team\n${generatedSchemas}`);
    const orderSchemas = 'src/order/base/order.schemas.ts';
    const orderText = await read(orderSchemas);
    expect(orderText).toContain('total');
    // Same lines the rename of `total` changes: a conflict.
    await writeFile(path.join(dir, orderSchemas), orderText.replaceAll('total', 'grandTotal'));
    const readme = await read('README.md');
    await writeFile(path.join(dir, 'README.md'), `${readme}\n## Our notes\n\nDeploy on Fridays.\n`);
    await writeFile(path.join(dir, 'src/coupon/base/coupon.service.base.ts'), '// kept by hand\n');
    await writeFile(path.join(dir, IGNORE_FILE), 'Dockerfile\n');
    await writeFile(path.join(dir, 'Dockerfile'), 'FROM scratch\n');

    const next = await eject({ document: shopV2(v1), version: 2, renderer });
    const dry = await writeFiles(dir, next, { dryRun: true, source: { version: 2 } });
    const action = (report: typeof dry, file: string) =>
      report.files.find((f) => f.path === file)?.action;
    expect(action(dry, 'src/customer/customer.service.ts')).toBe('kept');
    expect(action(dry, schemas)).toBe('merged');
    expect(action(dry, orderSchemas)).toBe('conflict');
    expect(action(dry, 'README.md')).toBe('merged');
    expect(action(dry, 'src/invoice/base/invoice.service.base.ts')).toBe('new');
    expect(action(dry, 'src/coupon/base/coupon.schemas.ts')).toBe('removed');
    expect(action(dry, 'src/coupon/base/coupon.service.base.ts')).toBe('orphaned');
    // The developer's files of the dropped entity go with it, as nobody edited them.
    expect(action(dry, 'src/coupon/coupon.service.ts')).toBe('removed');
    expect(action(dry, 'Dockerfile')).toBe('ignored');
    expect(dry.conflicts).toEqual([orderSchemas]);
    // A dry run writes nothing.
    expect(await read(schemas)).toBe(`// reviewed by the team\n${generatedSchemas}`);
    expect(await exists('src/invoice/base/invoice.service.base.ts')).toBe(false);

    const done = await writeFiles(dir, next, { source: { version: 2 } });
    expect(done.files).toEqual(dry.files);
    expect(await read('src/customer/customer.service.ts')).toBe('// my customer service\n');
    const merged = await read(schemas);
    expect(merged).toMatch(/^\/\/ reviewed by the team\n/);
    expect(merged).toContain('phone');
    const conflicted = await read(orderSchemas);
    expect(conflicted).toContain('<<<<<<< yours');
    expect(conflicted).toContain('grandTotal');
    expect(conflicted).toContain('amount');
    expect(conflicted).toContain('>>>>>>> generated');
    expect(await read('README.md')).toContain('Deploy on Fridays.');
    expect(await exists('src/invoice/base/invoice.service.base.ts')).toBe(true);
    expect(await exists('src/coupon/base/coupon.schemas.ts')).toBe(false);
    // A folder emptied by removals goes too; one holding the developer's file stays.
    expect(await exists('src/coupon/coupon.service.ts')).toBe(false);
    expect(await exists('src/coupon/base')).toBe(true);
    expect(await exists(path.join(GENERATED_DIR, 'src/coupon/coupon.service.ts'))).toBe(false);
    expect(await read('src/coupon/base/coupon.service.base.ts')).toBe('// kept by hand\n');
    expect(await read('Dockerfile')).toBe('FROM scratch\n');
    // The new generation is the next merge's base; the manifest says where it came from.
    const manifest = JSON.parse(await read(MANIFEST)) as {
      version: number;
      files: Record<string, unknown>;
    };
    expect(manifest.version).toBe(2);
    expect(manifest.files).toHaveProperty('src/invoice/base/invoice.service.base.ts');
    expect(manifest.files).not.toHaveProperty('src/coupon/base/coupon.schemas.ts');
    expect(await read(path.join(GENERATED_DIR, orderSchemas))).toBe(
      next.find((f) => f.path === orderSchemas)!.content,
    );

    // Once resolved, regenerating the same model changes nothing of it.
    await writeFile(
      path.join(dir, orderSchemas),
      next.find((f) => f.path === orderSchemas)!.content,
    );
    const settled = await writeFiles(dir, next, { source: { version: 2 } });
    expect(settled.conflicts).toEqual([]);
    expect(settled.files.find((f) => f.path === orderSchemas)?.action).toBe('unchanged');
    expect(settled.files.find((f) => f.path === schemas)?.action).toBe('kept');
  }, 60_000);
});
