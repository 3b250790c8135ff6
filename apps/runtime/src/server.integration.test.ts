import type { AddressInfo } from 'node:net';

import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ChangeFeed, EMPTY_OVERVIEW, Listener } from '@tessera/runtime-core';

import { RuntimeLimits } from './http/rate-limits';
import { createRuntimeServer } from './server';

let t: TestDatabase;
let pool: pg.Pool;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  t = await createTestDatabase();
  pool = new pg.Pool({ connectionString: t.url, max: 2 });
  const server = createRuntimeServer({
    pool,
    logger: pino({ level: 'silent' }),
    metadataVersion: () => null,
    metadata: () => EMPTY_OVERVIEW,
    authenticate: async () => null,
    changes: new ChangeFeed(new Listener(t.url)),
    limits: new RuntimeLimits({ kind: 'memory' }),
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((r) => server.close(() => r()));
});
afterAll(async () => {
  await close();
  await pool.end();
  await t.drop();
});

describe('runtime server', () => {
  it('answers GET /health in the shared shape with the metadata version', async () => {
    const res = await fetch(`${base}/health`, { headers: { 'x-request-id': 'probe-request-1' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('probe-request-1');
    const body = (await res.json()) as { timestamp: string };
    expect(body).toMatchObject({
      status: 'healthy',
      uptime: expect.any(Number),
      services: { database: { status: 'healthy', responseTime: expect.any(Number) } },
      metadataVersion: null,
    });
    expect(Date.parse(body.timestamp)).not.toBeNaN();
  });

  it('replaces an invalid request id and answers unknown routes with a 404 envelope', async () => {
    const res = await fetch(`${base}/nope`, { headers: { 'x-request-id': 'bad id!' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toEqual({ status: 404, msg: 'No route GET /nope' });
  });

  it('reports unhealthy with 503 when the database is unreachable', async () => {
    const dead = new pg.Pool({
      connectionString: 'postgres://nobody@127.0.0.1:1/none',
      max: 1,
      connectionTimeoutMillis: 500,
    });
    const server = createRuntimeServer({
      pool: dead,
      logger: pino({ level: 'silent' }),
      metadataVersion: () => ({ shop: 3 }),
      metadata: () => EMPTY_OVERVIEW,
      authenticate: async () => null,
      changes: new ChangeFeed(new Listener(t.url)),
      limits: new RuntimeLimits({ kind: 'memory' }),
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/health`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'unhealthy', metadataVersion: { shop: 3 } });
    await new Promise((r) => server.close(r));
    await dead.end();
  });
});
