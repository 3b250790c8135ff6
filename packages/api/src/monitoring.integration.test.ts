/** The monitoring panel's view of the runtimes, read from their reports. */
import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import type { RuntimeReport } from '@tessera/runtime-core/monitoring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callerAs, testServices } from './test/fixtures';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

/** A runtime's report whose latest window, just ended, held `requests` over 2 s. */
const ended = new Date().toISOString();
const report = (requests: number): RuntimeReport => ({
  uptimeSeconds: 120,
  metadataVersion: { shop: 2 },
  databaseMs: 3,
  bounds: [0.01],
  windows: [
    {
      at: ended,
      seconds: 2,
      requests,
      errors: 0,
      counts: [requests],
      sum: 0.01,
      pool: { total: 3, idle: 1, waiting: 0, max: 10 },
    },
  ],
  slow: [],
});

describe('monitoring.fleet', () => {
  it('lists every runtime, adds up the reporting ones, and shows a silent one as not reporting', async () => {
    await t.db
      .$executeRaw`INSERT INTO runtime_instances (id, host, started_at, seen_at, report) VALUES
      (gen_random_uuid(), 'runtime-1', now() - interval '2 minutes', now(), ${JSON.stringify(report(8))}::jsonb),
      (gen_random_uuid(), 'runtime-2', now() - interval '2 minutes', now(), ${JSON.stringify(report(12))}::jsonb),
      (gen_random_uuid(), 'runtime-3', now() - interval '5 minutes', now() - interval '1 minute', ${JSON.stringify(report(50))}::jsonb)`;
    const { caller } = await callerAs(testServices(t.db), ['admin']);
    const fleet = await caller.monitoring.fleet();
    expect(fleet.status).toBe('degraded');
    expect(fleet.instances.map((i) => [i.host, i.status])).toEqual([
      ['runtime-1', 'healthy'],
      ['runtime-2', 'healthy'],
      ['runtime-3', 'not reporting'],
    ]);
    expect(fleet.instances[0]).toMatchObject({ uptimeSeconds: 120, metadataVersion: { shop: 2 } });
    expect(fleet.points.at(-1)).toMatchObject({ requestsPerSecond: 10, poolInUse: 4, poolMax: 20 });
  });
});
