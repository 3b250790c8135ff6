/** The change stream: every write, as each subscriber may read it, and nothing rolled back. */
import { client } from '@tessera/contract';
import { ChangeFeed, Listener } from '@tessera/runtime-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { openStream } from './test/sse';
import { type ShopRuntime, startShopRuntime } from './test/shop-runtime';

let shop: ShopRuntime;

const call = (method: string, path: string, body?: unknown) =>
  client(shop.base)(method, path, { token: shop.adminToken, body });

beforeAll(async () => {
  shop = await startShopRuntime();
}, 60_000);
afterAll(async () => {
  await shop?.stop();
});

describe('announcing only what someone watches', () => {
  it('sends no change notification while nobody streams the project', async () => {
    const spy = new pg.Client({ connectionString: shop.t.url });
    await spy.connect();
    const heard: string[] = [];
    spy.on('notification', (n) => heard.push(n.payload ?? ''));
    await spy.query('LISTEN tessera_changes');
    await call('POST', '/api/v1/shop/tag', { label: 'unwatched' });
    await new Promise((r) => setTimeout(r, 300));
    expect(heard).toEqual([]);
    const stream = await openStream(`${shop.base}/api/v1/shop/changes`, shop.viewerToken);
    await call('POST', '/api/v1/shop/tag', { label: 'watched' });
    await stream.next(1);
    expect(heard).toHaveLength(1);
    stream.close();
    await spy.end();
  });

  it('tells other runtimes, including ones that start later, which projects are watched', async () => {
    const notify = (channel: string, payload: string) =>
      shop.pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
    const other = new Listener(shop.t.url);
    await other.start([]);
    const early = new ChangeFeed(other, notify);
    await early.start();
    expect(early.isWatched('shop')).toBe(false);
    const stream = await openStream(`${shop.base}/api/v1/shop/changes`, shop.viewerToken);
    await vi.waitFor(() => expect(early.isWatched('shop')).toBe(true), { timeout: 1000 });
    const late = new ChangeFeed(other, notify);
    await late.start();
    await vi.waitFor(() => expect(late.isWatched('shop')).toBe(true), { timeout: 1000 });
    stream.close();
    early.stop();
    late.stop();
    await other.stop();
  });
});

describe('GET /api/v1/{project}/changes', () => {
  it('streams creates, updates and deletes with the rows as the subscriber reads them', async () => {
    const stream = await openStream(`${shop.base}/api/v1/shop/changes`, shop.viewerToken);
    expect(stream.status).toBe(200);
    const created = await call('POST', '/api/v1/shop/customer', { name: 'Streamed' });
    const id = created.body.data.id as string;
    // A refused write is rolled back and announces nothing.
    expect((await call('POST', '/api/v1/shop/customer', { name: 'x'.repeat(101) })).status).toBe(
      422,
    );
    await call('PUT', `/api/v1/shop/customer/${id}`, { email: 's@example.com' });
    await call('DELETE', `/api/v1/shop/customer/${id}`);
    const events = await stream.next(3);
    expect(events.map((e) => e.event)).toEqual(['create', 'update', 'delete']);
    expect(events[0]!.data).toMatchObject({
      entity: 'customer',
      ids: [id],
      rows: [{ id, name: 'Streamed' }],
    });
    expect(events[1]!.data.rows[0]).toMatchObject({ email: 's@example.com', version: 2 });
    expect(events[2]!.data).toEqual({ entity: 'customer', op: 'delete', ids: [id] });
    stream.close();
  });

  it('narrows to the entities asked for, and shows nothing to a caller who may not read', async () => {
    const tags = await openStream(
      `${shop.base}/api/v1/shop/changes?entities=tag`,
      shop.viewerToken,
    );
    const outsider = await openStream(`${shop.base}/api/v1/shop/changes`, shop.outsiderToken);
    await call('POST', '/api/v1/shop/customer', { name: 'Not a tag' });
    await call('POST', '/api/v1/shop/tag', { label: 'streamed' });
    const [event] = await tags.next(1);
    expect(event!.data).toMatchObject({ entity: 'tag', op: 'create' });
    await new Promise((r) => setTimeout(r, 300));
    expect(tags.events).toHaveLength(1);
    expect(outsider.events).toHaveLength(0);
    tags.close();
    outsider.close();
  });

  it('refuses anonymous callers and unknown projects', async () => {
    expect((await fetch(`${shop.base}/api/v1/shop/changes`)).status).toBe(401);
    const res = await fetch(`${shop.base}/api/v1/nowhere/changes`, {
      headers: { authorization: `Bearer ${shop.viewerToken}` },
    });
    expect(res.status).toBe(404);
  });
});
