/**
 * One caller cannot take the database from everyone else: exports it never reads hold at most
 * its share of the pool, and are cut once their reader has stalled; meanwhile other callers are
 * answered as usual.
 */
import { connect, type Socket } from 'node:net';

import { client } from '@tessera/contract';
import { beforeAll, describe, expect, it, vi } from 'vitest';

import { useShopRuntime } from './test/shop-runtime';

const NOTES = {
  project: 'bulk',
  entities: [{ code: 'note', fields: [{ code: 'body', type: 'text' }] }],
  relations: [],
};

const shop = useShopRuntime({
  document: NOTES,
  pool: { max: 4, connectionTimeoutMillis: 1000 },
  share: { perCaller: 1, waitMs: 300 },
  stallMs: 3000,
});

beforeAll(async () => {
  // About 20 MB of CSV: far more than the sockets' buffers hold.
  await shop.pool.query(
    `INSERT INTO bulk.note (body) SELECT repeat(md5(i::text), 16) FROM generate_series(1, 40000) i`,
  );
});

/** Asks for an export on a raw socket that never reads a byte of the answer. */
function stalledExport(token: string): Promise<Socket> {
  const url = new URL(shop.base);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname, () => {
      socket.pause();
      socket.write(
        `GET /api/v1/bulk/note/export HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${token}\r\n\r\n`,
      );
      resolve(socket);
    });
  });
}

const list = (token: string) => client(shop.base)('GET', '/api/v1/bulk/note?perPage=1', { token });

describe("a caller's share of the pool", () => {
  it('leaves the pool to others while one caller holds stalled exports, then cuts them', async () => {
    const exports = await Promise.all(
      Array.from({ length: 6 }, () => stalledExport(shop.adminToken)),
    );
    const closed = exports.map((s) => new Promise((r) => s.once('close', r)));
    // Under way: an export's cursor is open in PostgreSQL, its reader reading nothing.
    await vi.waitFor(async () => {
      const { rows } = await shop.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%"bulk"."note"%' AND pid <> pg_backend_pid()`,
      );
      expect(rows[0]!.n).toBeGreaterThan(0);
    });
    // Everyone else is served meanwhile, however many times.
    for (let i = 0; i < 5; i++) expect((await list(shop.viewerToken)).status).toBe(200);
    // The first export holds the admin's one connection; its other requests wait, then are
    // refused.
    expect((await list(shop.adminToken)).status).toBe(429);
    // The stalled export is cut, its connection freed, and the admin served again.
    await vi.waitFor(async () => expect((await list(shop.adminToken)).status).toBe(200), {
      timeout: 10_000,
      interval: 200,
    });
    exports.forEach((s) => s.destroy());
    await Promise.all(closed);
  });
});
