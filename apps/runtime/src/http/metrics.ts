/**
 * GET /metrics in Prometheus's text format: requests by route and status, a latency histogram,
 * server errors, database pool usage, the metadata version served, and the process's own
 * metrics. Routes are named by pattern, never by raw URL, so the label set stays small.
 */
import type { ServerResponse } from 'node:http';

import type pg from 'pg';
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

export async function metricsRoute(metrics: RuntimeMetrics, res: ServerResponse) {
  const text = await metrics.registry.metrics();
  res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
  res.end(text);
}
