/**
 * The PostgreSQL server for integration tests: DATABASE_URL's server when set, otherwise a
 * throwaway embedded one. A template database holds the migrated, seeded schema; each test
 * file clones it into a database of its own, so files run in parallel without sharing rows.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import pg from 'pg';

import { createDb } from '../client';
import { quoteIdent, startEmbeddedPostgres } from '../embedded';
import { applyMigrations } from '../migrate';
import { seed } from '../seed';
import { toolingEnv } from '../tooling-env';

export interface TestServer {
  adminUrl: string;
  templateDatabase: string;
  stop: () => Promise<void>;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function startTestServer(): Promise<TestServer> {
  let adminUrl: string;
  let stopServer = async () => undefined as void;
  const { DATABASE_URL } = toolingEnv();
  if (DATABASE_URL) {
    adminUrl = DATABASE_URL;
  } else {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tessera-pg-'));
    // As root, PostgreSQL runs as a dedicated user that must be able to enter this directory.
    await chmod(dataDir, 0o755);
    const handle = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'data'),
      ephemeral: true,
    });
    adminUrl = handle.adminUrl;
    stopServer = async () => {
      await handle.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }

  const templateDatabase = `tessera_tpl_${process.pid}_${Date.now().toString(36)}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(templateDatabase)}`);
  const templateUrl = withDatabase(adminUrl, templateDatabase);
  await applyMigrations({ databaseUrl: templateUrl });
  const db = createDb({ databaseUrl: templateUrl, poolSize: 1 });
  await seed(db);
  await db.$disconnect();

  return {
    adminUrl,
    templateDatabase,
    stop: async () => {
      await dropDatabase(adminUrl, templateDatabase);
      await stopServer();
    },
  };
}

export async function adminQuery(
  adminUrl: string,
  sql: string,
  params: unknown[] = [],
): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/** How long a drop waits for connections that are closing to be gone before it ends them. */
const CLOSING_GRACE_MS = 2_000;

/**
 * Drops a test database. A pool that was just ended may still have connections on their way
 * out (it does not wait for them); ending them by force could reach their client as an error
 * nobody listens to any more, so the drop first gives them a moment to finish on their own.
 */
export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const until = Date.now() + CLOSING_GRACE_MS;
    while (Date.now() < until) {
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      );
      if (rows[0]!.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
