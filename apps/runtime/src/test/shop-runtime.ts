/** A runtime serving a small published shop model on a database of its own, for HTTP tests. */
import type { AddressInfo } from 'node:net';

import { createSession } from '@tessera/auth';
import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import { assignIds, createProjectDdl, validateDocument, withJunctionEntities } from '@tessera/meta';
import { ChangeFeed, MetadataCache, servedVersions } from '@tessera/runtime-core';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';

import { createAuthenticator } from '../auth/authenticate';
import { PoolShare } from '../http/pool-share';
import { RuntimeLimits } from '../http/rate-limits';
import { createMetrics, type RuntimeMetrics } from '../http/metrics';
import { SlowRequests } from '../http/slow-requests';
import { createRuntimeServer } from '../server';
import type { ServiceHealth } from '../forward/service-health';

export interface ShopRuntime {
  t: TestDatabase;
  pool: pg.Pool;
  base: string;
  viewerToken: string;
  outsiderToken: string;
  adminToken: string;
  adaId: string;
  cache: MetadataCache;
  metrics: RuntimeMetrics;
  slowRequests: SlowRequests;
  stop: () => Promise<void>;
}

/** The small shop most runtime tests use: soft-deleted customers, orders, tags. */
const SHOP = {
  project: 'shop',
  entities: [
    {
      code: 'customer',
      softDelete: true,
      fields: [
        { code: 'name', type: 'string', length: 100 },
        { code: 'email', type: 'email' },
      ],
    },
    { code: 'order', fields: [{ code: 'total', type: 'decimal', precision: 12, scale: 2 }] },
    { code: 'tag', fields: [{ code: 'label', type: 'string', length: 40 }] },
  ],
  relations: [
    {
      code: 'order_customer',
      type: 'many-to-one',
      from: 'order',
      to: 'customer',
      field: 'customer',
      inverse: 'orders',
    },
    {
      code: 'order_tags',
      type: 'many-to-many',
      from: 'order',
      to: 'tag',
      field: 'tags',
      inverse: 'orders',
    },
  ],
};

export interface ShopOptions {
  /** The data API budget per caller and minute (the seed's default otherwise). */
  rateLimitPerMinute?: number;
  limits?: RuntimeLimits;
  pool?: Pick<pg.PoolConfig, 'max' | 'connectionTimeoutMillis'>;
  slowRequests?: SlowRequests;
  /** Publish this model instead of the small shop, and insert no rows. */
  document?: unknown;
  /** Connections one caller may hold, and how long it waits past that (a quarter, 5 s). */
  share?: { perCaller: number; waitMs: number };
  /** How long a streamed answer waits for a reader that stopped reading. */
  stallMs?: number;
  /** Ejected services' health checks, and how long a forwarded request may wait for its answer. */
  services?: ServiceHealth;
  forwardTimeoutMs?: number;
}

/**
 * The shop runtime for one test file: started before its tests, stopped after them. The object
 * is filled in when it starts, so read it inside tests and hooks (a later `beforeAll` may use it).
 */
export function useShopRuntime(options: ShopOptions = {}): ShopRuntime {
  const shop = {} as ShopRuntime;
  beforeAll(async () => {
    Object.assign(shop, await startShopRuntime(options));
  }, 60_000);
  afterAll(async () => {
    await shop.stop?.();
  });
  return shop;
}

export async function startShopRuntime(options: ShopOptions = {}): Promise<ShopRuntime> {
  const t = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: t.url, max: 4, ...options.pool });
  const parsed = validateDocument(options.document ?? SHOP);
  if (!parsed.ok) throw new Error('invalid model');
  const doc = assignIds(withJunctionEntities(parsed.document), null);
  for (const statement of createProjectDdl(doc)) await pool.query(statement.sql);
  await pool.query(
    `INSERT INTO meta_projects (id, code, name, draft, published_version, updated_at) VALUES (gen_random_uuid(), $1, $1, $2, 1, now())`,
    [doc.project, JSON.stringify(doc)],
  );
  await pool.query(
    `INSERT INTO meta_versions (id, project_id, version, document, plan) SELECT gen_random_uuid(), id, 1, $2, '{}' FROM meta_projects WHERE code = $1`,
    [doc.project, JSON.stringify(doc)],
  );
  let adaId = '';
  if (!options.document) {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO shop.customer (name, email) VALUES ('Ada', 'ada@example.com'), ('Bob', NULL) RETURNING id`,
    );
    adaId = rows[0]!.id;
    await pool.query(`INSERT INTO shop.customer (name, deleted_at) VALUES ('Gone', now())`);
    await pool.query(`INSERT INTO shop."order" (total, customer) VALUES (12.50, $1)`, [adaId]);
  }

  const viewerRole = await t.db.role.findUniqueOrThrow({
    where: { code: 'viewer' },
    select: { id: true },
  });
  const viewer = await t.db.user.create({
    data: {
      email: 'v@example.com',
      passwordHash: 'x',
      roles: { create: { roleId: viewerRole.id } },
    },
    select: { id: true },
  });
  const outsider = await t.db.user.create({
    data: { email: 'o@example.com', passwordHash: 'x' },
    select: { id: true },
  });
  const viewerToken = (await createSession({ db: t.db }, viewer.id)).token;
  const outsiderToken = (await createSession({ db: t.db }, outsider.id)).token;
  const adminRole = await t.db.role.findUniqueOrThrow({
    where: { code: 'admin' },
    select: { id: true },
  });
  const admin = await t.db.user.create({
    data: {
      email: 'a@example.com',
      passwordHash: 'x',
      roles: { create: { roleId: adminRole.id } },
    },
    select: { id: true },
  });
  const adminToken = (await createSession({ db: t.db }, admin.id)).token;

  if (options.rateLimitPerMinute)
    await pool.query(
      `UPDATE system_config SET value = $1 WHERE key = 'runtime.rateLimit.perMinute'`,
      [JSON.stringify(options.rateLimitPerMinute)],
    );
  const cache = new MetadataCache({ pool, databaseUrl: t.url });
  await cache.start();
  const changes = new ChangeFeed(cache.listener, (channel, payload) =>
    pool.query('SELECT pg_notify($1, $2)', [channel, payload]),
  );
  await changes.start();
  const metadataVersion = () => servedVersions(cache.current());
  const metrics = createMetrics({ pool, metadataVersion });
  const slowRequests = options.slowRequests ?? new SlowRequests();
  const server = createRuntimeServer({
    changes,
    metrics,
    slowRequests,
    allowedOrigins: ['http://console.test'],
    limits: options.limits ?? new RuntimeLimits({ kind: 'memory' }),
    pool,
    logger: pino({ level: 'silent' }),
    metadataVersion,
    metadata: () => cache.current(),
    authenticate: await createAuthenticator({ db: t.db, listener: cache.listener }),
    share: options.share && new PoolShare(pool, options.share.perCaller, options.share.waitMs),
    stallMs: options.stallMs,
    services: options.services,
    forwardTimeoutMs: options.forwardTimeoutMs,
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    });
  const stop = async () => {
    await close();
    changes.stop();
    await cache.stop();
    await pool.end();
    await t.drop();
  };
  return {
    t,
    pool,
    base,
    viewerToken,
    outsiderToken,
    adminToken,
    adaId,
    cache,
    metrics,
    slowRequests,
    stop,
  };
}
