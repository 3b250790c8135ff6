import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { bodyLimit } from '@tessera/api/http';

import { createHttpLayer } from './http-layer';

const servers: { close: () => void }[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

async function serve(trustedProxies: string[], fail = false) {
  const lines: Record<string, unknown>[] = [];
  let seen: IncomingHttpHeaders = {};
  let handled = 0;
  const layer = createHttpLayer({
    trustedProxies,
    bodyLimit,
    logger: {
      info: (obj) => lines.push(obj as Record<string, unknown>),
      error: (obj) => lines.push(obj as Record<string, unknown>),
    },
    handle: async (req, res) => {
      handled++;
      seen = { ...req.headers };
      // Read the body, as Next would.
      for await (const chunk of req) void chunk;
      if (fail) throw new Error('boom');
      res.end('ok');
    },
  });
  const server = createServer(layer);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    lines,
    seen: () => seen,
    handled: () => handled,
  };
}

describe('http layer', () => {
  it('keeps a well-formed caller request id, echoes it, and logs it', async () => {
    const s = await serve([]);
    const res = await fetch(`${s.url}/x`, { headers: { 'x-request-id': 'caller-id-12345' } });
    expect(res.headers.get('x-request-id')).toBe('caller-id-12345');
    expect(s.seen()['x-request-id']).toBe('caller-id-12345');
    await new Promise((r) => setTimeout(r, 20));
    expect(s.lines).toContainEqual(
      expect.objectContaining({
        requestId: 'caller-id-12345',
        method: 'GET',
        url: '/x',
        status: 200,
      }),
    );
  });

  it('replaces a malformed request id with a new one', async () => {
    const s = await serve([]);
    const res = await fetch(s.url, { headers: { 'x-request-id': 'bad id' } });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('ignores forwarding headers from an untrusted peer, and a forged client-ip header', async () => {
    const s = await serve([]);
    await fetch(s.url, {
      headers: {
        'x-forwarded-for': '6.6.6.6',
        'x-forwarded-proto': 'https',
        'x-tessera-client-ip': '1.2.3.4',
      },
    });
    expect(s.seen()['x-tessera-client-ip']).toBe('127.0.0.1');
    expect(s.seen()['x-forwarded-for']).toBeUndefined();
    expect(s.seen()['x-forwarded-proto']).toBeUndefined();
  });

  it('believes X-Forwarded-For from a trusted proxy', async () => {
    const s = await serve(['127.0.0.1']);
    await fetch(s.url, {
      headers: { 'x-forwarded-for': '198.51.100.7', 'x-forwarded-proto': 'https' },
    });
    expect(s.seen()['x-tessera-client-ip']).toBe('198.51.100.7');
    expect(s.seen()['x-forwarded-proto']).toBe('https');
  });

  it('answers a handler failure with a JSON 500 carrying the request id', async () => {
    const s = await serve([], true);
    const res = await fetch(s.url, { headers: { 'x-request-id': 'failing-request-1' } });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({
      status: 500,
      msg: 'Internal error',
      requestId: 'failing-request-1',
    });
    expect(s.lines).toContainEqual(expect.objectContaining({ requestId: 'failing-request-1' }));
  });

  it('refuses a body larger than its route takes before anything reads it', async () => {
    const s = await serve([]);
    const big = 'x'.repeat(2 * 1024 * 1024);
    const res = await fetch(`${s.url}/api/trpc/auth.login`, { method: 'POST', body: big });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { msg: string }).msg).toContain('larger than this route takes');
    expect(s.handled()).toBe(0);
    // A model document may be larger; its route reads it.
    const doc = await fetch(`${s.url}/api/trpc/schema.import`, { method: 'POST', body: big });
    expect(doc.status).toBe(200);
    expect(s.handled()).toBe(1);
  });

  it('refuses a body of unknown length, which could only be measured by reading it', async () => {
    const s = await serve([]);
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"a":1}'));
        controller.close();
      },
    });
    const res = await fetch(`${s.url}/api/trpc/auth.login`, {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(411);
    expect(s.handled()).toBe(0);
    expect(
      (await fetch(`${s.url}/api/trpc/auth.login`, { method: 'POST', body: '{}' })).status,
    ).toBe(200);
  });
});
