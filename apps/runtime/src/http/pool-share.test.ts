import type pg from 'pg';
import { describe, expect, it } from 'vitest';

import { PoolShare } from './pool-share';

/** A pool whose queries finish when the test says so. */
function fakePool() {
  const pending: (() => void)[] = [];
  const pool = {
    query: () => new Promise<void>((resolve) => pending.push(resolve)),
    connect: () => Promise.resolve({ release: () => undefined } as unknown as pg.PoolClient),
  } as unknown as pg.Pool;
  return { pool, finishOne: () => pending.shift()?.() };
}

describe('PoolShare', () => {
  it('gives a caller at most its share, queues the rest on its own, and refuses after waiting', async () => {
    const { pool, finishOne } = fakePool();
    const share = new PoolShare(pool, 2, 200);
    const greedy = share.for('user:greedy');
    const first = greedy.query('SELECT 1');
    const second = greedy.query('SELECT 1');
    const third = greedy.query('SELECT 1');
    await Promise.resolve();
    expect(share.held('user:greedy')).toBe(2);
    // Another caller is not held up by the greedy one's queue.
    const other = share.for('user:other').query('SELECT 1');
    await Promise.resolve();
    expect(share.held('user:other')).toBe(1);
    // A slot freed goes straight to the greedy caller's next request.
    finishOne();
    await first;
    await new Promise((r) => setTimeout(r, 0));
    expect(share.held('user:greedy')).toBe(2);
    const fourth = greedy.query('SELECT 1');
    await expect(fourth).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfter: 1 });
    for (let i = 0; i < 3; i++) finishOne();
    await Promise.all([second, third, other]);
    expect(share.held('user:greedy')).toBe(0);
  });

  it('counts a checked-out client until it is released, once', async () => {
    const { pool } = fakePool();
    const share = new PoolShare(pool, 1, 50);
    const mine = share.for('token:t');
    const client = await mine.connect();
    expect(share.held('token:t')).toBe(1);
    await expect(mine.connect()).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    client.release();
    client.release();
    expect(share.held('token:t')).toBe(0);
    (await mine.connect()).release();
  });

  it('takes a share of the pool, at least one connection', () => {
    expect(PoolShare.slotsFor(20, 0.25)).toBe(5);
    expect(PoolShare.slotsFor(2, 0.25)).toBe(1);
  });
});
