/** The change stream after a reconnect: what was missed, in order, or a reset when unknown. */
import { client } from '@tessera/contract';
import { pruneChanges } from '@tessera/runtime-core';
import { describe, expect, it, vi } from 'vitest';

import { openStream } from './test/sse';
import { useShopRuntime } from './test/shop-runtime';

const shop = useShopRuntime();
const call = (method: string, path: string, body?: unknown) =>
  client(shop.base)(method, path, { token: shop.adminToken, body });

describe('resuming after a reconnect', () => {
  const stream = (lastEventId?: string) =>
    openStream(`${shop.base}/api/v1/shop/changes`, shop.viewerToken, lastEventId);

  it('sends a subscriber that reconnects what it missed, in order, then carries on live', async () => {
    const first = await stream();
    const a = (await call('POST', '/api/v1/shop/customer', { name: 'Before' })).body.data.id;
    await first.next(1);
    const resumeFrom = first.lastEventId();
    first.close();
    // While it is away.
    const b = (await call('POST', '/api/v1/shop/customer', { name: 'Away' })).body.data.id;
    await call('PUT', `/api/v1/shop/customer/${a}`, { email: 'away@example.com' });
    await call('POST', '/api/v1/shop/tag', { label: 'away' });

    const again = await stream(resumeFrom);
    const missed = await again.next(3);
    expect(missed.map((e) => [e.event, e.data.entity, e.data.ids[0]])).toEqual([
      ['create', 'customer', b],
      ['update', 'customer', a],
      ['create', 'tag', expect.any(String)],
    ]);
    await call('DELETE', `/api/v1/shop/customer/${b}`);
    const [, , , live] = await again.next(4);
    expect(live).toMatchObject({ event: 'delete', data: { ids: [b] } });
    await new Promise((r) => setTimeout(r, 200));
    expect(again.events).toHaveLength(4);
    again.close();
  });

  it('also replays a change numbered before the last one sent but committed after it', async () => {
    const tag = (await call('POST', '/api/v1/shop/tag', { label: 'late' })).body.data.id as string;
    const first = await stream();
    // A write whose transaction is still open when a later one is sent.
    const slow = await shop.pool.connect();
    await slow.query('BEGIN');
    await slow.query(
      `INSERT INTO data_changes (project, entity, op, ids) VALUES ('shop', 'tag', 'update', ARRAY[$1]::uuid[])`,
      [tag],
    );
    const c = (await call('POST', '/api/v1/shop/customer', { name: 'Sooner' })).body.data.id;
    expect((await first.next(1))[0]!.data.ids).toEqual([c]);
    const resumeFrom = first.lastEventId();
    first.close();
    await slow.query('COMMIT');
    slow.release();

    const again = await stream(resumeFrom);
    const [late] = await again.next(1);
    expect(late).toMatchObject({ event: 'update', data: { entity: 'tag', ids: [tag] } });
    again.close();
  });

  it('resumes from the newest change past 99,999, not the one whose text sorts last', async () => {
    await shop.pool.query(`SELECT setval('data_changes_seq_seq', 99998)`);
    // Two changes kept while someone watches, numbered 99,999 and 100,000.
    const watching = await stream();
    await call('POST', '/api/v1/shop/tag', { label: 'ninety-nine' });
    await call('POST', '/api/v1/shop/tag', { label: 'one hundred' });
    await watching.next(2);
    watching.close();
    // A new subscriber starts from the newest change: its first event id names 100,000.
    const fresh = await stream();
    await vi.waitFor(() => expect(fresh.lastEventId()).toMatch(/^100000\./));
    const from = fresh.lastEventId();
    fresh.close();
    const missed = (await call('POST', '/api/v1/shop/tag', { label: 'missed' })).body.data.id;
    const again = await stream(from);
    const [first] = await again.next(1);
    // Only what came after 100,000: not the change numbered 100,000 again, no reset.
    expect(first).toMatchObject({ event: 'create', data: { ids: [missed] } });
    again.close();
  });

  it('tells a subscriber to read afresh when what it missed cannot be known', async () => {
    const now = Math.floor(Date.now() / 1000);
    const { rows } = await shop.pool.query<{ seq: string }>(
      'SELECT max(seq)::text AS seq FROM data_changes',
    );
    for (const [id, reason] of [
      ['not-an-id', 'unknown event id'],
      [`999999999.${now}`, 'unknown event id'],
      [`${rows[0]!.seq}.${now - 5 * 60}`, 'away too long'],
    ]) {
      const resumed = await stream(id);
      const [reset] = await resumed.next(1);
      expect(reset).toEqual({ event: 'reset', data: { reason } });
      resumed.close();
    }
  });

  it('keeps changes an hour, and the newest one always', async () => {
    await shop.pool.query(
      `INSERT INTO data_changes (project, entity, op, ids, at) VALUES ('shop', 'tag', 'create', '{}', now() - interval '2 hours')`,
    );
    const old = await shop.pool.query(
      `SELECT count(*)::int AS n FROM data_changes WHERE at < now() - interval '1 hour'`,
    );
    expect(old.rows[0].n).toBe(1);
    const kept = await shop.pool.query('SELECT count(*)::int AS n FROM data_changes');
    expect(await pruneChanges(shop.pool)).toBe(0); // the newest is the old one: kept
    await call('POST', '/api/v1/shop/tag', { label: 'newer' });
    expect(await pruneChanges(shop.pool)).toBe(1);
    const after = await shop.pool.query('SELECT count(*)::int AS n FROM data_changes');
    expect(after.rows[0].n).toBe(kept.rows[0].n);
  });
});
