/** The change stream: every write, as each subscriber may read it, and nothing rolled back. */
import { client } from '@tessera/contract';
import { type Caller, ChangeFeed, Listener, visibleChange } from '@tessera/runtime-core';
import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';

import { openStream } from './test/sse';
import { useShopRuntime } from './test/shop-runtime';

const call = (method: string, path: string, body?: unknown) =>
  client(shop.base)(method, path, { token: shop.adminToken, body });

const shop = useShopRuntime();

/** A caller of the `reader` role, and the overview in which it reads `entity` within `rowFilter`. */
function readerOf(entity: string, rowFilter: Record<string, unknown>) {
  const reader: Caller = { userId: 'reader', roles: ['reader'], permissions: new Set() };
  const grant = { role: 'reader', entity, action: 'read' as const, rowFilter, fields: null };
  return { reader, overview: { ...shop.cache.current(), grants: new Map([['shop', [grant]]]) } };
}

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

  it('tells other runtimes, including ones that start later, which projects are watched, also a while after the last subscriber left', async () => {
    const notify = (channel: string, payload: string) =>
      shop.pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
    // Two runtimes, as far as watching goes: each its own LISTEN connection.
    const here = new Listener(shop.t.url);
    const there = new Listener(shop.t.url);
    await here.start([]);
    await there.start([]);
    const watcher = new ChangeFeed(here, notify);
    await watcher.start();
    const early = new ChangeFeed(there, notify);
    await early.start();
    expect(early.isWatched('depot')).toBe(false);
    const goodbye = await watcher.watch('depot');
    await vi.waitFor(() => expect(early.isWatched('depot')).toBe(true), { timeout: 1000 });
    // Its subscriber leaves; the project's changes are still kept for its return.
    goodbye();
    const late = new ChangeFeed(there, notify);
    await late.start();
    await vi.waitFor(() => expect(late.isWatched('depot')).toBe(true), { timeout: 1000 });
    for (const feed of [watcher, early, late]) feed.stop();
    await here.stop();
    await there.stop();
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
    // Rows are read when an event is delivered: each write waits for its event here, so the
    // rows are those of that write.
    const [create] = await stream.next(1);
    expect(create).toMatchObject({
      event: 'create',
      data: { entity: 'customer', ids: [id], rows: [{ id, name: 'Streamed' }] },
    });
    await call('PUT', `/api/v1/shop/customer/${id}`, { email: 's@example.com' });
    const update = (await stream.next(2))[1]!;
    expect(update.event).toBe('update');
    expect(update.data.rows[0]).toMatchObject({ email: 's@example.com', version: 2 });
    await call('DELETE', `/api/v1/shop/customer/${id}`);
    const removal = (await stream.next(3))[2]!;
    expect(removal).toEqual({
      event: 'delete',
      data: { entity: 'customer', op: 'delete', ids: [id] },
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(stream.events).toHaveLength(3);
    stream.close();
  });

  it('announces a row deleted before its create or update was delivered, by its id, as its row filter allows', async () => {
    const { reader, overview } = readerOf('customer', { name: { _eq: 'Kept' } });
    const create = async (name: string) =>
      (await call('POST', '/api/v1/shop/customer', { name })).body.data.id as string;
    const kept = await create('Kept');
    const brief = await create('Kept');
    const hidden = await create('Hidden');
    const hiddenGone = await create('Hidden');
    await call('DELETE', `/api/v1/shop/customer/${brief}`);
    await call('DELETE', `/api/v1/shop/customer/${hiddenGone}`);
    const deliver = (ids: string[], op: 'update' | 'delete' = 'update', e = 'customer') =>
      visibleChange({
        db: shop.pool,
        overview,
        caller: reader,
        notice: { p: 'shop', e, op, ids, s: 1 },
      });
    // The kept row as the reader reads it; the deleted one by its id; those its row filter
    // hides (customers are deleted softly: still there to check), not at all.
    expect(await deliver([kept, brief, hidden, hiddenGone])).toMatchObject({
      entity: 'customer',
      op: 'update',
      ids: [kept, brief],
      rows: [{ id: kept, name: 'Kept' }],
    });
    expect(await deliver([hidden])).toBeNull();
    expect(await deliver([hiddenGone])).toBeNull();
    expect(await deliver([brief])).toEqual({
      entity: 'customer',
      op: 'update',
      ids: [brief],
      rows: [],
    });
    // Deletes, likewise: only those the row filter shows.
    expect(await deliver([brief, hiddenGone], 'delete')).toEqual({
      entity: 'customer',
      op: 'delete',
      ids: [brief],
    });
    expect(await deliver([hiddenGone], 'delete')).toBeNull();
  });

  it('narrows to the entities asked for, and refuses a caller who may read none of them', async () => {
    const tags = await openStream(
      `${shop.base}/api/v1/shop/changes?entities=tag`,
      shop.viewerToken,
    );
    // Its event ids alone would count the project's writes.
    const outsider = await openStream(`${shop.base}/api/v1/shop/changes`, shop.outsiderToken);
    expect(outsider.status).toBe(403);
    await call('POST', '/api/v1/shop/customer', { name: 'Not a tag' });
    const label = (await call('POST', '/api/v1/shop/tag', { label: 'streamed' })).body.data.id;
    const [event] = await tags.next(1);
    expect(event!.data).toMatchObject({ entity: 'tag', op: 'create', ids: [label] });
    // The customer was written first: had it been sent, it would have come before.
    expect(tags.events[0]!.data.entity).toBe('tag');
    tags.close();
    outsider.close();
  });

  it('delivers a hard delete only to subscribers whose row filter showed the row', async () => {
    const { reader, overview } = readerOf('tag', { label: { _starts_with: 'public' } });
    // Someone streams the project, so deletes keep their rows with the change.
    const watching = await openStream(`${shop.base}/api/v1/shop/changes`, shop.viewerToken);
    const create = async (label: string) =>
      (await call('POST', '/api/v1/shop/tag', { label })).body.data.id as string;
    const shown = await create('public notice');
    const secret = await create('secret plan');
    await call('DELETE', `/api/v1/shop/tag?ids=${shown},${secret}`);
    const { rows } = await shop.pool.query<{ seq: string }>(
      `SELECT seq::text AS seq FROM data_changes WHERE op = 'delete' AND entity = 'tag' AND $1 = ANY (ids)`,
      [shown],
    );
    const deliver = (ids: string[], op: 'create' | 'delete', s: number) =>
      visibleChange({
        db: shop.pool,
        overview,
        caller: reader,
        notice: { p: 'shop', e: 'tag', op, ids, s },
      });
    const deleted = Number(rows[0]!.seq);
    expect(await deliver([shown, secret], 'delete', deleted)).toEqual({
      entity: 'tag',
      op: 'delete',
      ids: [shown],
    });
    expect(await deliver([secret], 'delete', deleted)).toBeNull();
    // Their creates, delivered after the delete: the shown one by its id, the other not at all.
    expect(await deliver([shown, secret], 'create', deleted - 1)).toEqual({
      entity: 'tag',
      op: 'create',
      ids: [shown],
      rows: [],
    });
    // A reader without a row filter is told of both.
    const all = await visibleChange({
      db: shop.pool,
      overview: shop.cache.current(),
      caller: { userId: 'admin', roles: [], permissions: new Set(['data:read']) },
      notice: { p: 'shop', e: 'tag', op: 'delete', ids: [shown, secret], s: deleted },
    });
    expect(all?.ids).toEqual([shown, secret]);
    watching.close();
  });

  it('refuses anonymous callers and unknown projects', async () => {
    expect((await fetch(`${shop.base}/api/v1/shop/changes`)).status).toBe(401);
    const res = await fetch(`${shop.base}/api/v1/nowhere/changes`, {
      headers: { authorization: `Bearer ${shop.viewerToken}` },
    });
    expect(res.status).toBe(404);
  });
});
