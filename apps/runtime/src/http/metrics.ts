/**
 * GET /metrics in Prometheus's text format: requests by route and status, a latency histogram,
 * server errors, database pool usage, the metadata version served, and the process's own
 * metrics. Routes are named by pattern, never by raw URL, so the label set stays small.
 */
import type { ServerResponse } from 'node:http';

import type pg from 'pg';
import type { MetricsSummary } from '@tessera/runtime-core/monitoring';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface RuntimeMetrics {
  registry: Registry;
  observe: (method: string, route: string, status: number, seconds: number) => void;
}

export function createMetrics(options: {
  pool: Pick<pg.Pool, 'totalCount' | 'idleCount' | 'waitingCount'> & { options: { max?: number } };
  metadataVersion: () => Record<string, number> | null;
}): RuntimeMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tessera_runtime_' });
  const requests = new Counter({
    name: 'tessera_runtime_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'tessera_runtime_http_errors_total',
    help: 'HTTP responses with a 5xx status, by route',
    labelNames: ['route'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'tessera_runtime_http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const pool = options.pool;
  new Gauge({
    name: 'tessera_runtime_db_pool_connections',
    help: 'Database pool connections by state (total, idle, waiting requests, max)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
      this.set({ state: 'max' }, pool.options.max ?? 10);
    },
  });
  new Gauge({
    name: 'tessera_runtime_metadata_version',
    help: 'The published model version served, by project',
    labelNames: ['project'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [project, version] of Object.entries(options.metadataVersion() ?? {}))
        this.set({ project }, version);
    },
  });
  // Labelled children are looked up once per label set, not hashed on every request.
  const counted = new Map<string, ReturnType<typeof requests.labels>>();
  const timed = new Map<string, ReturnType<typeof duration.labels>>();
  return {
    registry,
    observe(method, route, status, seconds) {
      const key = `${method} ${route}`;
      let counter = counted.get(`${key} ${status}`);
      if (!counter)
        counted.set(`${key} ${status}`, (counter = requests.labels(method, route, String(status))));
      counter.inc();
      let timer = timed.get(key);
      if (!timer) timed.set(key, (timer = duration.labels(method, route)));
      timer.observe(seconds);
      if (status >= 500) errors.inc({ route });
    },
  };
}

/** The route pattern of a path, for labels. */
export function routeName(pathname: string): string {
  if (pathname === '/health' || pathname === '/metrics') return pathname;
  if (pathname.startsWith('/docs')) return '/docs';
  const m = /^\/api\/v1\/[^/]+(?:\/([^/]+))?(?:\/([^/]+))?\/?$/.exec(pathname);
  if (!m) return 'other';
  const [, second, third] = m;
  if (second === 'changes' && !third) return '/api/v1/:project/changes';
  if (second === 'openapi.json' && !third) return '/api/v1/:project/openapi.json';
  if (!second) return 'other';
  if (!third) return '/api/v1/:project/:entity';
  if (['bulk', 'import', 'export', 'aggregate'].includes(third))
    return `/api/v1/:project/:entity/${third}`;
  return '/api/v1/:project/:entity/:id';
}

type Sample = { value: number; labels: Record<string, string | number>; metricName?: string };

/**
 * The figures each monitoring report carries, summed over routes: data requests (under
 * `/api/v1/`, so the panel's own polling does not count), 5xx answers, the latency histogram
 * and the database pool. Counters only grow; the panel takes differences between two reads.
 */
export async function summarize(registry: Registry): Promise<MetricsSummary> {
  const metrics = await registry.getMetricsAsJSON();
  const values = (name: string) => (metrics.find((m) => m.name === name)?.values ?? []) as Sample[];
  const isData = (s: Sample) => String(s.labels.route ?? '').startsWith('/api/v1/');
  const sum = (samples: Sample[]) => samples.reduce((total, s) => total + s.value, 0);
  const duration = values('tessera_runtime_http_request_duration_seconds').filter(isData);
  const buckets = new Map<number, number>();
  for (const s of duration.filter((d) => d.metricName?.endsWith('_bucket'))) {
    const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
    buckets.set(le, (buckets.get(le) ?? 0) + s.value);
  }
  const pool = Object.fromEntries(
    values('tessera_runtime_db_pool_connections').map((s) => [String(s.labels.state), s.value]),
  );
  return {
    at: new Date().toISOString(),
    uptimeSeconds: Math.round(process.uptime()),
    requests: sum(values('tessera_runtime_http_requests_total').filter(isData)),
    errors: sum(values('tessera_runtime_http_errors_total').filter(isData)),
    latency: {
      buckets: [...buckets]
        .filter(([le]) => Number.isFinite(le))
        .sort(([a], [b]) => a - b)
        .map(([le, count]) => ({ le, count })),
      count: sum(duration.filter((d) => d.metricName?.endsWith('_count'))),
      sum: sum(duration.filter((d) => d.metricName?.endsWith('_sum'))),
    },
    pool: {
      total: pool.total ?? 0,
      idle: pool.idle ?? 0,
      waiting: pool.waiting ?? 0,
      max: pool.max ?? 0,
    },
    metadataVersion: Object.fromEntries(
      values('tessera_runtime_metadata_version').map((s) => [String(s.labels.project), s.value]),
    ),
  };
}

/** Prometheus's text format. */
export async function metricsRoute(metrics: RuntimeMetrics, res: ServerResponse) {
  const text = await metrics.registry.metrics();
  res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
  res.end(text);
}
