/** What operators rely on: /metrics, the slow request log, and 503 when the database cannot serve. */
import { describe, expect, it } from 'vitest';

import { summarize } from './http/metrics';
import { SlowRequests } from './http/slow-requests';
import { useShopRuntime } from './test/shop-runtime';

const shop = useShopRuntime({
  pool: { max: 1, connectionTimeoutMillis: 300 },
  slowRequests: new SlowRequests(0),
});

const get = (path: string, token = shop.adminToken) =>
  fetch(`${shop.base}${path}`, { headers: { authorization: `Bearer ${token}` } });

describe('GET /metrics', () => {
  it('counts requests by route pattern and status, with latency, errors and pool usage', async () => {
    await get('/api/v1/shop/customer');
    await get(`/api/v1/shop/customer/${shop.adaId}`);
    await get('/api/v1/shop/customer?perPage=0');
    const res = await fetch(`${shop.base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain(
      'tessera_runtime_http_requests_total{method="GET",route="/api/v1/:project/:entity",status="200"} 1',
    );
    expect(text).toContain(
      'tessera_runtime_http_requests_total{method="GET",route="/api/v1/:project/:entity/:id",status="200"} 1',
    );
    expect(text).toContain('status="400"} 1');
    expect(text).toMatch(
      /tessera_runtime_http_request_duration_seconds_bucket\{le="0\.1",method="GET",route="\/api\/v1\/:project\/:entity"\} \d/,
    );
    expect(text).toContain('tessera_runtime_db_pool_connections{state="max"} 1');
    expect(text).toContain('tessera_runtime_http_errors_total');
    expect(text).toContain('tessera_runtime_process_cpu_seconds_total');
  });
});

describe('the metrics summary', () => {
  it('sums data requests, errors, latency buckets and the pool for monitoring reports', async () => {
    const read = () => summarize(shop.metrics.registry);
    const before = await read();
    await get('/api/v1/shop/customer');
    await get('/api/v1/shop/customer?perPage=0');
    await fetch(`${shop.base}/health`);
    const after = await read();
    expect(after.requests - before.requests).toBe(2);
    expect(after.latency.count - before.latency.count).toBe(2);
    expect(after.errors).toBe(before.errors);
    expect(after.latency.buckets.at(-1)!.le).toBe(5);
    expect(after.latency.buckets.at(-1)!.count).toBe(after.latency.count);
    expect(after.pool.max).toBe(1);
    expect(after.metadataVersion.shop).toBeGreaterThan(0);
  });
});

describe('prepared statements', () => {
  it('names each data statement, so PostgreSQL parses it once per connection', async () => {
    await get('/api/v1/shop/customer?sort=name');
    await get('/api/v1/shop/customer?sort=name');
    // The pool has one connection: the one that served both requests.
    const { rows } = await shop.pool.query<{ name: string; statement: string }>(
      `SELECT name, statement FROM pg_prepared_statements`,
    );
    const lists = rows.filter((r) => r.statement.includes('ORDER BY e."name"'));
    expect(lists).toHaveLength(1);
    expect(lists[0]!.name).toMatch(/^t1_/);
  });
});

describe('slow requests', () => {
  it('lists the latest slow requests with their request ids, for monitors only', async () => {
    await fetch(`${shop.base}/api/v1/shop/tag`, {
      headers: { authorization: `Bearer ${shop.adminToken}`, 'x-request-id': 'slow-probe-0001' },
    });
    const res = await get('/slow-requests');
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as {
      data: { items: { requestId: string; url: string }[] };
    };
    expect(data.items[0]).toMatchObject({ requestId: 'slow-probe-0001', url: '/api/v1/shop/tag' });
    expect((await get('/slow-requests', shop.viewerToken)).status).toBe(403);
  });
});

describe('database unavailable', () => {
  it('answers 503 with Retry-After when no connection is free, then recovers', async () => {
    const held = await shop.pool.connect();
    try {
      const res = await get('/api/v1/shop/customer');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('2');
      expect(await res.json()).toEqual({
        status: 503,
        msg: 'The database is unavailable; retry shortly',
      });
    } finally {
      held.release();
    }
    expect((await get('/api/v1/shop/customer')).status).toBe(200);
  });
});

describe('cross-origin access', () => {
  it('lets the console origin call with credentials, and no other origin', async () => {
    const preflight = await fetch(`${shop.base}/api/v1/shop/customer`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://console.test',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://console.test');
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('DELETE');
    const read = await fetch(`${shop.base}/api/v1/shop/customer`, {
      headers: { origin: 'http://console.test', authorization: `Bearer ${shop.adminToken}` },
    });
    expect(read.headers.get('access-control-allow-origin')).toBe('http://console.test');
    expect(read.headers.get('access-control-expose-headers')).toContain('ratelimit-remaining');
    const stranger = await fetch(`${shop.base}/api/v1/shop/customer`, {
      headers: { origin: 'http://evil.test', authorization: `Bearer ${shop.adminToken}` },
    });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });
});
