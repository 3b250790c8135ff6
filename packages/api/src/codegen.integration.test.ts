/** Ejection over the API: a preview of the files, one file, a run with progress, and refusals. */
import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callerAs, testServices } from './test/fixtures';

let t: TestDatabase;
const services = () => testServices(t.db, { databaseUrl: t.url });

beforeAll(async () => {
  t = await createTestDatabase();
  const { caller } = await callerAs(services(), ['admin']);
  await caller.schema.import({
    project: 'shop',
    document: JSON.stringify({
      project: 'shop',
      entities: [{ code: 'customer', fields: [{ code: 'name', type: 'string', length: 100 }] }],
    }),
  });
  await caller.schema.publish({ project: 'shop', confirm: [] });
  await caller.schema.import({
    project: 'draft_only',
    document: JSON.stringify({ project: 'draft_only', entities: [{ code: 'note', fields: [] }] }),
  });
}, 120_000);
afterAll(() => t.drop());

describe('codegen', () => {
  it('previews the file tree of a published project, and any file', async () => {
    const { caller } = await callerAs(services(), ['modeler']);
    const tree = await caller.codegen.preview({ project: 'shop' });
    expect(tree.version).toBe(1);
    const paths = tree.files.map((f) => f.path);
    expect(paths).toContain('prisma/schema.prisma');
    expect(tree.files.find((f) => f.path === 'src/customer/customer.service.ts')?.ownership).toBe(
      'owned',
    );
    expect(tree.contents).toBeNull();
    const one = await caller.codegen.preview({ project: 'shop', path: 'prisma/schema.prisma' });
    expect(one.file?.content).toContain('model Customer {');
    await expect(caller.codegen.preview({ project: 'shop', path: 'nope.ts' })).rejects.toThrow(
      /no file 'nope.ts'/,
    );
  });

  it('runs with progress events as files are done, then every file', async () => {
    const { caller } = await callerAs(services(), ['modeler']);
    const events = [];
    for await (const event of await caller.codegen.run({ project: 'shop' })) events.push(event);
    const done = events.at(-1);
    expect(done?.type).toBe('done');
    const files = done?.type === 'done' ? done.files.length : -1;
    const progress = events.flatMap((e) => (e.type === 'progress' ? [e] : []));
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((p, i) => i === 0 || p.done > progress[i - 1]!.done)).toBe(true);
    expect(progress.at(-1)).toEqual({ type: 'progress', done: files, total: files });
  });

  it('refuses a project with nothing published, naming it', async () => {
    const { caller } = await callerAs(services(), ['modeler']);
    await expect(caller.codegen.preview({ project: 'draft_only' })).rejects.toThrow(
      "Project 'draft_only' has no published model to generate from; publish it first",
    );
  });
});
