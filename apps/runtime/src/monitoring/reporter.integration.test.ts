/** Runtimes report on themselves to the platform database, where the console reads the fleet. */
import { client } from '@tessera/contract';
import { fleetOf, type ReportRow, runtimeReportSchema } from '@tessera/runtime-core/monitoring';
import pino from 'pino';
import { describe, expect, it } from 'vitest';

import { createMetrics } from '../http/metrics';
import { SlowRequests } from '../http/slow-requests';
import { useShopRuntime } from '../test/shop-runtime';
import { Reporter } from './reporter';

const shop = useShopRuntime({ slowRequests: new SlowRequests(0) });
const logger = pino({ level: 'silent' });

const rows = async () =>
  (
    await shop.pool.query<ReportRow>(
      `SELECT id::text, host, started_at AS "startedAt", seen_at AS "seenAt", report FROM runtime_instances ORDER BY host`,
    )
  ).rows;

describe('runtime reports', () => {
  it('reports each window of traffic with the ones before, and the fleet adds the runtimes up', async () => {
    const busy = new Reporter({
      pool: shop.pool,
      metrics: shop.metrics,
      slow: shop.slowRequests,
      logger,
      host: 'replica-a',
    });
    const idle = new Reporter({
      pool: shop.pool,
      metrics: createMetrics({ pool: shop.pool, metadataVersion: () => ({ shop: 1 }) }),
      slow: new SlowRequests(),
      logger,
      host: 'replica-b',
    });
    await busy.report();
    await idle.report();
    const call = client(shop.base);
    for (let i = 0; i < 5; i++)
      expect((await call('GET', '/api/v1/shop/order', { token: shop.viewerToken })).status).toBe(
        200,
      );
    await busy.report();
    await idle.report();

    const [a, b] = await rows();
    const report = runtimeReportSchema.parse(a!.report);
    expect(a!.host).toBe('replica-a');
    expect(report.windows.map((w) => w.requests)).toEqual([0, 5]);
    expect(report.bounds).toContain(0.1);
    expect(report.metadataVersion).toEqual({ shop: 1 });
    expect(report.databaseMs).not.toBeNull();
    expect(report.slow[0]).toMatchObject({ method: 'GET', url: '/api/v1/shop/order', status: 200 });
    expect(runtimeReportSchema.parse(b!.report).windows.map((w) => w.requests)).toEqual([0, 0]);

    const fleet = fleetOf(await rows(), new Date());
    // Both reporting (a write slower than half a second on a busy machine would say degraded).
    expect(fleet.instances.map((i) => [i.host, i.status !== 'not reporting'])).toEqual([
      ['replica-a', true],
      ['replica-b', true],
    ]);
    const requests = fleet.points.reduce((n, p) => n + p.requestsPerSecond, 0);
    expect(requests).toBeGreaterThan(0);
    expect(fleet.points.at(-1)!.poolMax).toBe(8);
    expect(fleet.slow.every((s) => s.host === 'replica-a')).toBe(true);

    // The next window starts where the last report ended; the earlier ones are repeated.
    await busy.report();
    const again = runtimeReportSchema.parse((await rows())[0]!.report);
    expect(again.windows.map((w) => w.requests)).toEqual([0, 5, 0]);

    await busy.stop();
    await idle.stop();
    expect(await rows()).toEqual([]);
  });

  it('forgets runtimes not heard from for ten minutes, and keeps the others', async () => {
    await shop.pool.query(
      `INSERT INTO runtime_instances (id, host, started_at, seen_at, report) VALUES
        (gen_random_uuid(), 'long-gone', now() - interval '1 day', now() - interval '11 minutes', '{}'),
        (gen_random_uuid(), 'quiet', now() - interval '1 day', now() - interval '1 minute', '{}')`,
    );
    const reporter = new Reporter({
      pool: shop.pool,
      metrics: shop.metrics,
      slow: shop.slowRequests,
      logger,
      host: 'replica-c',
    });
    await reporter.report();
    expect((await rows()).map((r) => r.host)).toEqual(['quiet', 'replica-c']);
    const fleet = fleetOf(await rows(), new Date());
    expect(fleet.status).toBe('degraded');
    expect(fleet.instances.find((i) => i.host === 'quiet')!.status).toBe('not reporting');
    await reporter.stop();
    await reporter.report();
    expect((await rows()).map((r) => r.host)).toEqual(['quiet']);
  });
});

describe('a report that cannot be written', () => {
  it('is said once per outage, its traffic carried by the next report written', async () => {
    const said: string[] = [];
    const failing = {
      query: async (sql: string, params: unknown[]) => {
        if (down) throw new Error('connection refused');
        return shop.pool.query(sql, params);
      },
    };
    let down = true;
    const reporter = new Reporter({
      pool: failing,
      metrics: shop.metrics,
      slow: shop.slowRequests,
      logger: {
        warn: (_: object, m: string) => said.push(m),
        info: (_: object, m: string) => said.push(m),
      } as never,
      host: 'replica-d',
    });
    await reporter.report();
    await reporter.report();
    down = false;
    await reporter.report();
    expect(said).toEqual([
      'Monitoring report not written; retrying quietly',
      'Monitoring reports written again',
    ]);
    const row = (await rows()).find((r) => r.host === 'replica-d')!;
    // The windows of the two reports not written are in the one that was.
    expect(runtimeReportSchema.parse(row.report).windows).toHaveLength(3);
    await reporter.stop();
  });
});
