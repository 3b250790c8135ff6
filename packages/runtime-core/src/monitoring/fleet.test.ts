import { describe, expect, it } from 'vitest';

import {
  fleetOf,
  REPORT_STALE_MS,
  type ReportRow,
  type ReportWindow,
  type RuntimeReport,
} from './fleet';

const NOW = new Date('2026-01-01T00:01:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);

/** A window of `requests` over 2 s ending `msAgo` ago: `fast` under 10 ms, the rest under 100 ms. */
function window({
  requests = 10,
  fast = requests,
  errors = 0,
  msAgo = 500,
}: { requests?: number; fast?: number; errors?: number; msAgo?: number } = {}): ReportWindow {
  return {
    at: ago(msAgo).toISOString(),
    seconds: 2,
    requests,
    errors,
    counts: [fast, requests],
    sum: 0,
    pool: { total: 4, idle: 3, waiting: 0, max: 10 },
  };
}

function report(edit: Partial<RuntimeReport> = {}): RuntimeReport {
  return {
    uptimeSeconds: 60,
    metadataVersion: { shop: 3 },
    databaseMs: 4,
    bounds: [0.01, 0.1],
    windows: [window()],
    slow: [],
    ...edit,
  };
}

const row = (id: string, report: unknown, seenMsAgo = 1000): ReportRow => ({
  id,
  host: `host-${id}`,
  startedAt: ago(60_000),
  seenAt: ago(seenMsAgo),
  report,
});

describe('fleetOf', () => {
  it('adds up the rates of every reporting runtime, and takes quantiles over all their requests', () => {
    const fleet = fleetOf(
      [
        row('a', report({ windows: [window({ requests: 10 })] })),
        row('b', report({ windows: [window({ requests: 30, fast: 0, errors: 4 })] })),
      ],
      NOW,
    );
    expect(fleet.status).toBe('healthy');
    expect(fleet.points).toHaveLength(1);
    const point = fleet.points[0]!;
    expect(point).toMatchObject({ requestsPerSecond: 20, poolInUse: 2, poolMax: 20 });
    expect(point.errorRate).toBeCloseTo(4 / 40);
    // 10 requests under 10 ms, 30 between 10 and 100 ms: the median (rank 20 of 40) is 10 of
    // the bucket's 30 in, p95 (rank 38) 28 of them.
    expect(point.p50Ms).toBeCloseTo(10 + 90 * (10 / 30), 1);
    expect(point.p95Ms).toBeCloseTo(10 + 90 * (28 / 30), 1);
  });

  it('shows a runtime gone quiet as not reporting, and leaves it out of the rates', () => {
    const fleet = fleetOf(
      [
        row('a', report({ windows: [window({ requests: 10 })] })),
        row('b', report({ windows: [window({ requests: 90 })] }), REPORT_STALE_MS + 1),
      ],
      NOW,
    );
    expect(fleet.status).toBe('degraded');
    expect(fleet.instances.map((i) => [i.host, i.status])).toEqual([
      ['host-a', 'healthy'],
      ['host-b', 'not reporting'],
    ]);
    expect(fleet.points.map((p) => p.requestsPerSecond)).toEqual([5]);
  });

  it('counts an unreadable report as none, and is unhealthy with nobody reporting', () => {
    const fleet = fleetOf([row('a', { uptimeSeconds: 'soon' })], NOW);
    expect(fleet).toMatchObject({
      status: 'unhealthy',
      points: [],
      instances: [{ host: 'host-a', status: 'not reporting', uptimeSeconds: null }],
    });
    expect(fleetOf([], NOW)).toMatchObject({ status: 'unhealthy', instances: [], points: [] });
  });

  it('shows a runtime whose report was slow to write as degraded', () => {
    const fleet = fleetOf([row('a', report({ databaseMs: 800 }))], NOW);
    expect(fleet.status).toBe('degraded');
    expect(fleet.instances[0]!.status).toBe('degraded');
  });

  it('charts the minutes each report repeats, up to the period every runtime has reported', () => {
    const history = [6500, 4500, 2500, 500].map((msAgo, i) =>
      window({ requests: 2 * (i + 1), msAgo }),
    );
    const fleet = fleetOf(
      [
        row('a', report({ windows: history })),
        // b has not yet reported the newest period; an old window is past the chart's reach.
        row('b', report({ windows: [window({ msAgo: 600_000 }), ...history.slice(0, 3)] })),
      ],
      NOW,
    );
    expect(fleet.points.map((p) => p.requestsPerSecond)).toEqual([2, 4, 6]);
    expect(fleetOf([row('a', report({ windows: history }))], NOW).points).toHaveLength(4);
    // Two windows of one runtime in one period (its reports ran close together) count once.
    const close = [window({ requests: 2, msAgo: 900 }), window({ requests: 6, msAgo: 500 })];
    expect(fleetOf([row('a', report({ windows: close }))], NOW).points).toEqual([
      expect.objectContaining({ requestsPerSecond: 2, poolInUse: 1, poolMax: 10 }),
    ]);
  });

  it('merges the slow requests of every runtime, newest first, naming each one’s host', () => {
    const slow = (requestId: string, secondsAgo: number) => ({
      requestId,
      method: 'GET',
      url: '/api/v1/shop/order',
      status: 200,
      durationMs: 900,
      at: ago(secondsAgo * 1000).toISOString(),
    });
    const fleet = fleetOf(
      [
        row('a', report({ slow: [slow('a-new', 1), slow('a-old', 30)] })),
        row('b', report({ slow: [slow('b-mid', 10)] })),
      ],
      NOW,
    );
    expect(fleet.slow.map((s) => [s.requestId, s.host])).toEqual([
      ['a-new', 'host-a'],
      ['b-mid', 'host-b'],
      ['a-old', 'host-a'],
    ]);
  });
});
