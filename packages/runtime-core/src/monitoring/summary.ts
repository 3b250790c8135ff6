/**
 * The runtime's metrics in the compact form its monitoring panel reads (`GET /metrics` with
 * `Accept: application/json`), and the rates between two reads: requests per second, error
 * rate, latency quantiles from the histogram's buckets, and database pool usage, for one runtime
 * or several together.
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
 * The `q` quantile (0..1) of the requests in a window's histogram, in seconds, interpolated
 * inside its bucket as Prometheus's histogram_quantile does; null when it holds no request.
 */
export function quantile(latency: MetricsSummary['latency'], q: number): number | null {
  if (latency.count <= 0) return null;
  const rank = q * latency.count;
  let lower = 0;
  let below = 0;
  for (const bucket of latency.buckets) {
    if (bucket.count >= rank) {
      const inBucket = bucket.count - below;
      return inBucket > 0 ? lower + (bucket.le - lower) * ((rank - below) / inBucket) : bucket.le;
    }
    lower = bucket.le;
    below = bucket.count;
  }
  // Slower than the last bucket's bound: that bound is all that is known.
  return latency.buckets.at(-1)?.le ?? null;
}

/** What happened between two reads of the same runtime: its requests and their latencies. */
export interface MetricsWindow {
  /** When the window ends. */
  at: string;
  seconds: number;
  requests: number;
  errors: number;
  /** The latency histogram of the window's requests alone. */
  latency: MetricsSummary['latency'];
}

const NO_LATENCY: MetricsSummary['latency'] = { buckets: [], count: 0, sum: 0 };

/** The window between two reads (a restart in between starts afresh, from the start). */
export function windowBetween(before: MetricsSummary | null, after: MetricsSummary): MetricsWindow {
  const restarted =
    !before || after.requests < before.requests || after.uptimeSeconds < before.uptimeSeconds;
  const base = restarted ? { requests: 0, errors: 0, latency: NO_LATENCY } : before;
  const seconds = restarted
    ? Math.max(after.uptimeSeconds, 1)
    : Math.max((Date.parse(after.at) - Date.parse(before.at)) / 1000, 0.001);
  return {
    at: after.at,
    seconds,
    requests: after.requests - base.requests,
    errors: after.errors - base.errors,
    latency: {
      buckets: after.latency.buckets.map((b) => ({
        le: b.le,
        count: b.count - (base.latency.buckets.find((p) => p.le === b.le)?.count ?? 0),
      })),
      count: after.latency.count - base.latency.count,
      sum: after.latency.sum - base.latency.sum,
    },
  };
}

/**
 * The rates of one or more runtimes over their latest windows, which cover about the same
 * time: requests per second add up, error rate and quantiles are over all their requests (the
 * histograms add up bucket by bucket), pools add up.
 */
export function pointOf(
  runtimes: readonly { window: MetricsWindow; pool: MetricsSummary['pool'] }[],
): MetricsPoint {
  const sum = (f: (r: (typeof runtimes)[number]) => number) =>
    runtimes.reduce((total, r) => total + f(r), 0);
  const buckets = new Map<number, number>();
  for (const { window } of runtimes)
    for (const b of window.latency.buckets) buckets.set(b.le, (buckets.get(b.le) ?? 0) + b.count);
  const latency = {
    buckets: [...buckets].sort(([a], [b]) => a - b).map(([le, count]) => ({ le, count })),
    count: sum((r) => r.window.latency.count),
    sum: sum((r) => r.window.latency.sum),
  };
  const requests = sum((r) => r.window.requests);
  const quantileMs = (q: number) => {
    const s = quantile(latency, q);
    return s === null ? null : Math.round(s * 10_000) / 10;
  };
  return {
    at: runtimes.map((r) => r.window.at).reduce((a, b) => (a > b ? a : b), ''),
    requestsPerSecond: Math.round(sum((r) => r.window.requests / r.window.seconds) * 100) / 100,
    errorRate: requests > 0 ? sum((r) => r.window.errors) / requests : null,
    p50Ms: quantileMs(0.5),
    p95Ms: quantileMs(0.95),
    poolInUse: sum((r) => r.pool.total - r.pool.idle),
    poolMax: sum((r) => r.pool.max),
    poolWaiting: sum((r) => r.pool.waiting),
  };
}
