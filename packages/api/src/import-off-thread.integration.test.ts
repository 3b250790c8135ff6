/**
 * A big model import leaves the server's event loop free: the document (here 4.6 MiB of YAML,
 * seconds of parsing and validation) is read on the document worker, and the event loop keeps
 * turning meanwhile.
 */
import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import { parseDocument, serializeDocument, validateDocument } from '@tessera/meta';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callerAs, testServices } from './test/fixtures';
import { DocumentWorker } from './workers/document-worker';

let t: TestDatabase;
const worker = new DocumentWorker();
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await worker.stop();
  await t.drop();
});

function bigDocument(): string {
  const entities = Array.from({ length: 520 }, (_, i) => ({
    code: `entity_${i}`,
    name: `Entity ${i}`,
    fields: Array.from({ length: 60 }, (_, j) => ({
      code: `field_${j}`,
      type: 'string',
      length: 100,
      description: `The field ${j} of entity ${i}, with a description of some length`,
    })),
  }));
  const parsed = validateDocument({ project: 'big', entities, relations: [] });
  if (!parsed.ok) throw new Error('invalid');
  return serializeDocument(parsed.document, 'yaml');
}

/** The longest time the event loop went without running a timer while `work` ran. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(longest, performance.now() - last);
}

describe('importing a big document', () => {
  it('reads it off the event loop, which keeps turning meanwhile', async () => {
    const text = bigDocument();
    expect(text.length).toBeGreaterThan(4 * 1024 * 1024);
    // What reading it here would hold the event loop for.
    const started = performance.now();
    expect(parseDocument(text).ok).toBe(true);
    const inThread = performance.now() - started;

    const { caller } = await callerAs(
      testServices(t.db, { documents: worker, databaseUrl: t.url }),
      ['admin'],
    );
    await caller.project.create({ code: 'big', name: 'Big', description: '' });
    const stall = await longestStall(() =>
      caller.schema.import({ project: 'big', document: text }),
    );
    const project = await caller.project.get({ code: 'big' });
    expect(project.draft.entities).toHaveLength(520);
    expect(stall).toBeLessThan(inThread / 2);
  }, 120_000);

  it('answers a broken document with its problems, from the worker', async () => {
    const result = await worker.parse('project: x\nentities: [\n');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues[0]!.path).toMatch(/^line \d+/);
  });
});
