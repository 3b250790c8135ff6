/**
 * The runtime's metrics in the compact form its monitoring panel reads (`GET /metrics` with
 * `Accept: application/json`), and the rates between two reads: requests per second, error
 * rate, latency quantiles from the histogram's buckets, and database pool usage. No browser or
 * server API here, so the console can use it in the browser.
 */
export interface MetricsSummary {
  at: string;
  uptimeSeconds: number;
  /** Data requests answered since start (under `/api/v1/`). */
  requests: number;
  /** Of those, answered with a 5xx status. */
  errors: number;
  /** Cumulative latency histogram, in seconds, over data requests. */
  latency: { buckets: { le: number; count: number }[]; count: number; sum: number };
  pool: { total: number; idle: number; waiting: number; max: number };
  metadataVersion: Record<string, number>;
}

export interface MetricsPoint {
  at: string;
  requestsPerSecond: number;
  /** Share of requests answered 5xx, 0..1; null when there were none. */
  errorRate: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  poolInUse: number;
  poolMax: number;
  poolWaiting: number;
}

/**
 * The `q` quantile (0..1) of the requests observed between two cumulative histograms, in
 * seconds, interpolated inside its bucket as Prometheus's histogram_quantile does; null when
 * no request came in between.
 */
export function quantileBetween(
  before: MetricsSummary['latency'],
  after: MetricsSummary['latency'],
  q: number,
): number | null {
  const counts = after.buckets.map((b) => ({
    le: b.le,
    count: b.count - (before.buckets.find((p) => p.le === b.le)?.count ?? 0),
  }));
  const total = after.count - before.count;
  if (total <= 0) return null;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const bucket of counts) {
    if (bucket.count >= rank) {
      const inBucket = bucket.count - below;
      return inBucket > 0 ? lower + (bucket.le - lower) * ((rank - below) / inBucket) : bucket.le;
    }
    lower = bucket.le;
    below = bucket.count;
  }
  // Slower than the last bucket's bound: that bound is all that is known.
  return counts.at(-1)?.le ?? null;
}

/** The rates between two reads of the same runtime (a restart in between starts afresh). */
export function pointBetween(before: MetricsSummary, after: MetricsSummary): MetricsPoint {
  const restarted = after.requests < before.requests || after.uptimeSeconds < before.uptimeSeconds;
  const base: MetricsSummary = restarted
    ? { ...after, requests: 0, errors: 0, latency: { buckets: [], count: 0, sum: 0 } }
    : before;
  const seconds = restarted
    ? Math.max(after.uptimeSeconds, 1)
    : Math.max((Date.parse(after.at) - Date.parse(before.at)) / 1000, 0.001);
  const requests = after.requests - base.requests;
  const quantileMs = (q: number) => {
    const s = quantileBetween(base.latency, after.latency, q);
    return s === null ? null : Math.round(s * 10_000) / 10;
  };
  return {
    at: after.at,
    requestsPerSecond: Math.round((requests / seconds) * 100) / 100,
    errorRate: requests > 0 ? (after.errors - base.errors) / requests : null,
    p50Ms: quantileMs(0.5),
    p95Ms: quantileMs(0.95),
    poolInUse: after.pool.total - after.pool.idle,
    poolMax: after.pool.max,
    poolWaiting: after.pool.waiting,
  };
}
