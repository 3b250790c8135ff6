import { describe, expect, it } from 'vitest';

import { type MetricsSummary, pointOf, quantile, windowBetween } from './summary';

const summary = (
  at: string,
  requests: number,
  errors: number,
  buckets: [number, number][],
  extra: Partial<MetricsSummary> = {},
): MetricsSummary => ({
  at,
  uptimeSeconds: 100,
  requests,
  errors,
  latency: {
    buckets: buckets.map(([le, count]) => ({ le, count })),
    count: requests,
    sum: 0,
  },
  pool: { total: 5, idle: 2, waiting: 1, max: 20 },
  metadataVersion: {},
  ...extra,
});

describe('quantile', () => {
  it('interpolates inside the bucket holding the rank, over the requests in between', () => {
    const before = summary('2026-01-01T00:00:00Z', 100, 0, [
      [0.01, 100],
      [0.1, 100],
      [1, 100],
    ]);
    // 10 new requests: 4 under 10 ms, 4 more under 100 ms, 2 more under 1 s.
    const after = summary('2026-01-01T00:00:10Z', 110, 0, [
      [0.01, 104],
      [0.1, 108],
      [1, 110],
    ]);
    const between = windowBetween(before, after).latency;
    expect(quantile(between, 0.5)).toBeCloseTo(0.01 + 0.09 * (1 / 4));
    expect(quantile(between, 0.95)).toBeCloseTo(0.1 + 0.9 * (1.5 / 2));
    expect(quantile(windowBetween(after, after).latency, 0.5)).toBeNull();
  });

  it('answers the last bound for requests slower than every bucket', () => {
    const before = summary('2026-01-01T00:00:00Z', 0, 0, [[0.1, 0]]);
    const after = summary('2026-01-01T00:00:01Z', 2, 0, [[0.1, 0]]);
    expect(quantile(windowBetween(before, after).latency, 0.5)).toBe(0.1);
  });
});

/** The rates between two reads of one runtime, as a report's window gives them. */
const pointBetween = (before: MetricsSummary, after: MetricsSummary) =>
  pointOf([{ window: windowBetween(before, after), pool: after.pool }]);

describe('pointOf one window', () => {
  it('gives requests per second, error rate, quantiles in ms and pool use', () => {
    const before = summary('2026-01-01T00:00:00Z', 100, 1, [[0.01, 100]]);
    const after = summary('2026-01-01T00:00:05Z', 150, 6, [[0.01, 150]]);
    expect(pointBetween(before, after)).toEqual({
      at: '2026-01-01T00:00:05Z',
      requestsPerSecond: 10,
      errorRate: 0.1,
      p50Ms: 5,
      p95Ms: 9.5,
      poolInUse: 3,
      poolMax: 20,
      poolWaiting: 1,
    });
  });

  it('starts afresh when the runtime restarted between two reads', () => {
    const before = summary('2026-01-01T00:00:00Z', 500, 0, [[0.01, 500]]);
    const after = summary('2026-01-01T00:00:02Z', 4, 0, [[0.01, 4]], { uptimeSeconds: 2 });
    expect(pointBetween(before, after).requestsPerSecond).toBe(2);
    expect(pointBetween(before, after).errorRate).toBe(0);
  });

  it('has no error rate or latency when nothing was asked', () => {
    const s = summary('2026-01-01T00:00:00Z', 10, 0, [[0.01, 10]]);
    const point = pointBetween(s, { ...s, at: '2026-01-01T00:00:03Z' });
    expect(point).toMatchObject({ requestsPerSecond: 0, errorRate: null, p50Ms: null });
  });
});
