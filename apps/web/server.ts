/**
 * The console's HTTP server: Next.js behind a thin Node layer (`http-layer.ts`) that owns what
 * Next cannot see — the peer address, the request id, one JSON log line per request — and the
 * start-up tasks (migrations, seed, first admin).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';

import { ensureFirstAdmin } from '@tessera/api/bootstrap';
import { bodyLimit } from '@tessera/api/http';
import { DocumentWorker } from '@tessera/api/workers';
import { codegenApi } from '@tessera/codegen';
import { createDb } from '@tessera/db';
import { applyMigrations } from '@tessera/db/migrate';
import { seed } from '@tessera/db/seed';
import next from 'next';

import { env } from './src/env';
import { designerHandler, isDesignerPath } from './src/server/designer/serve-designer';
import { createHttpLayer } from './src/server/http-layer';
import { shareWithServices } from './src/server/shared';
import { logger } from './src/server/logger';

async function prepareDatabase() {
  if (env.TESSERA_AUTO_MIGRATE === 'true') {
    const { applied } = await applyMigrations({ databaseUrl: env.DATABASE_URL });
    if (applied.length) logger.info({ applied }, 'Applied migrations');
  }
  const db = createDb({ databaseUrl: env.DATABASE_URL, poolSize: 2 });
  try {
    if (env.TESSERA_AUTO_MIGRATE === 'true') await seed(db);
    const admin = await ensureFirstAdmin(db, {
      email: env.TESSERA_ADMIN_EMAIL,
      password: env.TESSERA_ADMIN_PASSWORD,
    });
    if (admin === 'created')
      logger.info({ email: env.TESSERA_ADMIN_EMAIL }, 'Created the first administrator');
    if (admin === 'not-configured' && (await db.user.count()) === 0) {
      logger.info('No user yet: open the console to create the first administrator');
    }
  } finally {
    await db.$disconnect();
  }
}

async function main() {
  await prepareDatabase();
  // Big model documents are read, and code generated, on worker threads; the services (built
  // inside Next's bundle, where a worker's own file and the templates cannot be found) take
  // them from here.
  const documents = new DocumentWorker();
  shareWithServices({ documents, codegen: codegenApi });
  const dev = env.NODE_ENV !== 'production';
  const app = next({
    dev,
    dir: import.meta.dirname,
    hostname: env.WEB_HOST,
    port: env.WEB_PORT,
    turbopack: dev,
  });
  const nextHandle = app.getRequestHandler();
  await app.prepare();
  const designer = designerHandler(
    dev
      ? { devUrl: `http://localhost:${env.DESIGNER_PORT}` }
      : { dist: env.DESIGNER_DIST ?? path.resolve(import.meta.dirname, '../designer/dist') },
  );
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (isDesignerPath(new URL(req.url ?? '/', 'http://console').pathname)) designer(req, res);
    else await nextHandle(req, res);
  };

  const server = createServer(
    createHttpLayer({ trustedProxies: env.TRUSTED_PROXIES, logger, handle, bodyLimit }),
  );
  server.listen(env.WEB_PORT, env.WEB_HOST, () => {
    const shownHost = env.WEB_HOST === '0.0.0.0' ? 'localhost' : env.WEB_HOST;
    logger.info(
      { url: `http://${shownHost}:${env.WEB_PORT}` },
      `Console ready at http://${shownHost}:${env.WEB_PORT}`,
    );
  });

  const shutdown = () => {
    server.close();
    void documents.stop();
    void app.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  logger.fatal({ err }, 'The console failed to start');
  process.exit(1);
});
