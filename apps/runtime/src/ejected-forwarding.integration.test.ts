/**
 * One URL, either mode: requests for an ejected entity go to its service and come back as it
 * answered (streamed, with the caller's credentials and request id, within the body and time
 * limits); an interpreted entity beside it is served as before; a service that is down gets
 * 503 with Retry-After at once, never a hang, and serves again once its health check passes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ServiceHealth } from './forward/service-health';
import { type ShopRuntime, startShopRuntime } from './test/shop-runtime';

/** What the fake service was asked, by request id. */
const seen = new Map<
  string,
  { method: string; path: string; headers: IncomingMessage['headers']; body: number }
>();
let service: Server;
let port: number;
let shop: ShopRuntime;
const health = new ServiceHealth({ intervalMs: 100, timeoutMs: 500 });

function answer(req: IncomingMessage, res: ServerResponse) {
  if (req.url === '/health') return res.end(JSON.stringify({ status: 'ok' }));
  let body = 0;
  req.on('data', (chunk: Buffer) => (body += chunk.length));
  req.on('end', () => {
    const id = String(req.headers['x-request-id']);
    seen.set(id, { method: req.method!, path: req.url!, headers: req.headers, body });
    if (req.url?.includes('slow')) return void setTimeout(() => res.end('{}'), 2_000);
    // Streamed in pieces, as an export would be.
    res.writeHead(200, { 'content-type': 'application/json', 'x-served-by': 'ejected' });
    res.write('{"status":0,"msg":"","data":');
    setTimeout(() => res.end(`${JSON.stringify({ from: 'service', path: req.url, body })}}`), 20);
  });
}

const listen = (at = 0) =>
  new Promise<Server>((resolve) => {
    const server = createServer(answer);
    server.listen(at, '127.0.0.1', () => resolve(server));
  });

beforeAll(async () => {
  service = await listen();
  port = (service.address() as AddressInfo).port;
  shop = await startShopRuntime({
    services: health,
    forwardTimeoutMs: 500,
    document: {
      project: 'shop',
      service: { url: `http://127.0.0.1:${port}` },
      entities: [
        {
          code: 'customer',
          mode: 'ejected',
          fields: [{ code: 'name', type: 'string', length: 100 }],
        },
        { code: 'order', fields: [{ code: 'total', type: 'decimal', precision: 12, scale: 2 }] },
      ],
      relations: [
        { code: 'oc', type: 'many-to-one', from: 'order', to: 'customer', field: 'customer' },
      ],
    },
  });
}, 60_000);
afterAll(async () => {
  health.close();
  await shop?.stop();
  service?.closeAllConnections();
  await new Promise((r) => service?.close(r));
});

const call = (path: string, init: RequestInit & { id?: string } = {}) =>
  fetch(`${shop.base}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${shop.adminToken}`,
      'x-request-id': init.id ?? crypto.randomUUID(),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
  });

/** Polls the runtime's /health until the service is in `state` (no fixed wait). */
async function serviceState(state: string) {
  for (let i = 0; i < 200; i++) {
    const report = (await (await fetch(`${shop.base}/health`)).json()) as {
      ejectedServices: Record<string, { state: string }>;
    };
    if (report.ejectedServices[`http://127.0.0.1:${port}`]?.state === state) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`the service never became ${state}`);
}

describe('an ejected entity behind the runtime', () => {
  it('is forwarded with the caller’s credentials and request id, and streamed back', async () => {
    const id = `req-${crypto.randomUUID()}`;
    const res = await call('/api/v1/shop/customer?filter=%7B%7D&perPage=5', { id });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-served-by')).toBe('ejected');
    expect(res.headers.get('x-request-id')).toBe(id);
    expect(await res.json()).toEqual({
      status: 0,
      msg: '',
      data: { from: 'service', path: '/api/v1/shop/customer?filter=%7B%7D&perPage=5', body: 0 },
    });
    const asked = seen.get(id)!;
    expect(asked.headers.authorization).toBe(`Bearer ${shop.adminToken}`);
    expect(asked.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(asked.headers.host).toBe(`127.0.0.1:${port}`);
  });

  it('passes writes through with their body, and refuses one past the limit', async () => {
    const id = `req-${crypto.randomUUID()}`;
    const body = JSON.stringify({ name: 'Ada' });
    const res = await call('/api/v1/shop/customer', { method: 'POST', body, id });
    expect(res.status).toBe(200);
    expect(seen.get(id)).toMatchObject({ method: 'POST', body: body.length });
    const tooBig = await call('/api/v1/shop/customer', {
      method: 'POST',
      body: JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(tooBig.status).toBe(413);
  });

  it('serves the interpreted entity beside it itself', async () => {
    const res = await call('/api/v1/shop/order');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-served-by')).toBeNull();
    expect(((await res.json()) as { data: { items: unknown[] } }).data.items).toEqual([]);
  });

  it('answers 504 when the service does not start answering in time', async () => {
    const res = await call('/api/v1/shop/customer/slow');
    expect(res.status).toBe(504);
  });

  it('answers 503 with Retry-After while the service is down, and serves again once it is back', async () => {
    await serviceState('up');
    service.closeAllConnections();
    await new Promise((r) => service.close(r));
    const first = await call('/api/v1/shop/customer');
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('5');
    await serviceState('down');
    // While down, nothing waits on it: the answer comes without a connection attempt.
    const again = await call('/api/v1/shop/customer');
    expect(again.status).toBe(503);
    expect(((await again.json()) as { msg: string }).msg).toMatch(/not answering/);
    service = await listen(port);
    await serviceState('up');
    expect((await call('/api/v1/shop/customer')).status).toBe(200);
  });
});
