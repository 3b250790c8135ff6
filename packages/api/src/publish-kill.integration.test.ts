/**
 * A publish killed midway (SIGKILL to the publishing process) leaves the schema fully old or
 * fully new, and the recorded metadata matches information_schema.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callerAs, testServices } from './test/fixtures';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

async function columns(): Promise<Record<string, string>> {
  const rows = await t.db.$queryRaw<{ column_name: string; data_type: string }[]>`
    SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'bulk' AND table_name = 'reading' ORDER BY column_name`;
  return Object.fromEntries(rows.map((r) => [r.column_name, r.data_type]));
}

describe('a publish killed midway', () => {
  it('leaves the schema fully old or fully new, matching the recorded version', async () => {
    const { caller, user } = await callerAs(testServices(t.db, { databaseUrl: t.url }), [
      'modeler',
    ]);
    await caller.schema.import({
      project: 'bulk',
      document: JSON.stringify({
        project: 'bulk',
        entities: [
          {
            code: 'reading',
            fields: [
              { code: 'value', type: 'integer' },
              { code: 'label', type: 'text' },
            ],
          },
        ],
      }),
    });
    await caller.schema.publish({ project: 'bulk', confirm: [] });
    await t.db.$executeRawUnsafe(
      `INSERT INTO bulk.reading (value, label) SELECT i, 'r' || i FROM generate_series(1, 400000) i`,
    );
    const before = await columns();

    // Three changes, one of which rewrites 400,000 rows.
    const project = await caller.project.get({ code: 'bulk' });
    const value = project.draft.entities[0]!.fields[0]!;
    await caller.model.updateField({
      project: 'bulk',
      entity: 'reading',
      code: 'value',
      field: { ...value, type: 'bigint' } as never,
    });
    await caller.model.createField({
      project: 'bulk',
      entity: 'reading',
      field: { code: 'unit', type: 'string', length: 10, default: 'kWh' },
    });
    await caller.model.createField({
      project: 'bulk',
      entity: 'reading',
      field: { code: 'note', type: 'text' },
    });

    const child = spawn(
      path.resolve(import.meta.dirname, '../node_modules/.bin/tsx'),
      ['src/test/publish-child.ts', t.url, 'bulk', user!.id],
      {
        cwd: path.resolve(import.meta.dirname, '..'),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const exited = new Promise<NodeJS.Signals | number | null>((r) =>
      child.once('exit', (code, signal) => r(signal ?? code)),
    );
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        output += d.toString();
        if (output.includes('step 1/')) resolve();
      });
      child.once('exit', () => resolve());
      child.once('error', () => resolve());
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(output).not.toContain('published');

    // PostgreSQL rolls the transaction back once it notices the connection is gone.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const [row] = await t.db.$queryRaw<
        { n: number }[]
      >`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'tessera-publish'`;
      if (row?.n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const after = await columns();
    const recorded = await caller.project.get({ code: 'bulk' });
    const versions = await caller.schema.versions({ project: 'bulk' });
    if (recorded.publishedVersion === 1) {
      expect(after).toEqual(before);
      expect(versions).toHaveLength(1);
    } else {
      expect(recorded.publishedVersion).toBe(2);
      expect(after).toEqual({
        ...before,
        value: 'bigint',
        unit: 'character varying',
        note: 'text',
      });
    }
    // Nothing half-done: the next publish plans from a consistent state and succeeds.
    const { version } = await caller.schema.publish({ project: 'bulk', confirm: [] });
    expect(version).toBe((recorded.publishedVersion ?? 0) + 1);
    expect(await columns()).toEqual({
      ...before,
      value: 'bigint',
      unit: 'character varying',
      note: 'text',
    });
  }, 120_000);
});
