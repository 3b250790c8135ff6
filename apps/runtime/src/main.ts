/** Starts the runtime: validated env, a pg pool, the HTTP server, graceful shutdown. */
import pg from 'pg';
import pino from 'pino';

import { createDb } from '@tessera/db';
import {
  ChangeFeed,
  MetadataCache,
  pruneChanges,
  pruneIdempotencyKeys,
  servedVersions,
} from '@tessera/runtime-core';

import { createAuthenticator } from './auth/authenticate';
import { env } from './env';
import { createMetrics } from './http/metrics';
import { PoolShare } from './http/pool-share';
import { RuntimeLimits } from './http/rate-limits';
import { SlowRequests } from './http/slow-requests';
import { Reporter } from './monitoring/reporter';
import { createRuntimeServer } from './server';

const logger = pino({ level: env.LOG_LEVEL, base: { service: 'runtime' } });
const pool = new pg.Pool({
  connectionString: env.DATABASE_URL,
  max: env.RUNTIME_DB_POOL_SIZE,
  connectionTimeoutMillis: env.RUNTIME_DB_ACQUIRE_TIMEOUT_MS,
});
// The pg error object drags its whole client along; log what identifies the failure.
pool.on('error', (err: Error & { code?: string }) =>
  logger.warn({ code: err.code, message: err.message }, 'Idle database connection failed'),
);

// The published models, kept current by LISTEN/NOTIFY: a publish needs no restart.
const metadata = new MetadataCache({
  pool,
  databaseUrl: env.DATABASE_URL,
  onError: (error) =>
    logger.warn(
      { message: error instanceof Error ? error.message : String(error) },
      'Metadata reload failed',
    ),
});
metadata.on('reload', (overview) =>
  logger.info({ versions: servedVersions(overview) }, 'Serving metadata'),
);
await metadata.start();
// Every runtime hears every write, whichever replica made it, for its change streams.
const changes = new ChangeFeed(metadata.listener, (channel, payload) =>
  pool.query('SELECT pg_notify($1, $2)', [channel, payload]),
);
await changes.start();

// Authentication is the console's own check (session cookie or bearer token), cached until a
// change is announced.
const platform = createDb({ databaseUrl: env.DATABASE_URL, poolSize: 4 });
const authenticate = await createAuthenticator({ db: platform, listener: metadata.listener });
const metadataVersion = () => {
  const versions = servedVersions(metadata.current());
  return Object.keys(versions).length ? versions : null;
};
const metrics = createMetrics({ pool, metadataVersion });
const slowRequests = new SlowRequests(env.RUNTIME_SLOW_REQUEST_MS);
const server = createRuntimeServer({
  pool,
  logger,
  metadata: () => metadata.current(),
  changes,
  metrics,
  slowRequests,
  limits: new RuntimeLimits(
    env.REDIS_URL ? { kind: 'redis', url: env.REDIS_URL } : { kind: 'memory' },
  ),
  trustedProxies: env.TRUSTED_PROXIES,
  allowedOrigins: env.RUNTIME_ALLOWED_ORIGINS,
  // No caller may hold more than its share of the pool: the rest stays free for everyone else.
  share: new PoolShare(
    pool,
    PoolShare.slotsFor(env.RUNTIME_DB_POOL_SIZE, env.RUNTIME_DB_CALLER_SHARE),
    env.RUNTIME_DB_ACQUIRE_TIMEOUT_MS,
  ),
  stallMs: env.RUNTIME_STALL_MS,
  authenticate,
  metadataVersion,
});
// The monitoring panel reads every runtime's reports from the platform database.
const reporter = new Reporter({ pool, metrics, slow: slowRequests, logger });
reporter.start();
server.listen(env.RUNTIME_PORT, env.RUNTIME_HOST, () => {
  const host = env.RUNTIME_HOST === '0.0.0.0' ? 'localhost' : env.RUNTIME_HOST;
  logger.info(
    { url: `http://${host}:${env.RUNTIME_PORT}` },
    `Runtime ready at http://${host}:${env.RUNTIME_PORT}`,
  );
});

// Idempotency keys live a day, kept changes an hour; any replica may prune them.
const prune = () =>
  Promise.all([pruneIdempotencyKeys(pool), pruneChanges(pool)]).catch((error: unknown) =>
    logger.warn({ message: String(error) }, 'Pruning failed'),
  );
void prune();
setInterval(() => void prune(), 10 * 60 * 1000).unref();

function shutdown() {
  // Stopped, not missing: the monitoring panel stops listing this runtime at once.
  const reported = reporter.stop();
  server.close(
    () =>
      void reported
        .then(() => metadata.stop())
        .then(() => pool.end())
        .finally(() => process.exit(0)),
  );
  setTimeout(() => process.exit(0), 3000).unref();
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
