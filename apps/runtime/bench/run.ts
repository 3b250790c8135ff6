/**
 * `pnpm bench`: the runtime against a hand-written floor server on one database with a
 * 1,000,000-row entity and a many-to-one relation. Prints requests per second for both, the
 * ratio runtime ÷ floor, and the SQL statements each runtime request cost (counted as
 * committed transactions in pg_stat_database: every statement here runs on its own).
 *
 * Environment: DATABASE_URL (else an embedded PostgreSQL), BENCH_ROWS (1,000,000),
 * BENCH_SECONDS per run (10), BENCH_CONNECTIONS (10).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

import { createApiToken } from '@tessera/auth';
import { createDb } from '@tessera/db';
import {
  adminQuery,
  dropDatabase,
  startTestServer,
  withDatabase,
} from '@tessera/db/testing/server';
import { assignIds, createProjectDdl, validateDocument, withJunctionEntities } from '@tessera/meta';
import autocannon from 'autocannon';
import pg from 'pg';

import { benchEnv } from './env';

const { BENCH_ROWS: ROWS, BENCH_SECONDS: SECONDS, BENCH_CONNECTIONS: CONNECTIONS } = benchEnv;
const here = path.dirname(new URL(import.meta.url).pathname);

const MODEL = {
  project: 'bench',
  entities: [
    {
      code: 'customer',
      fields: [
        { code: 'name', type: 'string', length: 100, required: true },
        { code: 'email', type: 'email' },
      ],
    },
    {
      code: 'order',
      fields: [
        { code: 'total', type: 'decimal', precision: 12, scale: 2 },
        { code: 'status', type: 'enum', options: ['new', 'paid', 'shipped'], default: 'new' },
      ],
    },
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
  ],
};

async function prepare(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const parsed = validateDocument(MODEL);
  if (!parsed.ok) throw new Error('invalid bench model');
  const doc = assignIds(withJunctionEntities(parsed.document), null);
  for (const s of createProjectDdl(doc)) await pool.query(s.sql);
  await pool.query(
    `INSERT INTO meta_projects (id, code, name, draft, published_version, updated_at) VALUES (gen_random_uuid(), 'bench', 'Bench', $1, 1, now())`,
    [JSON.stringify(doc)],
  );
  await pool.query(
    `INSERT INTO meta_versions (id, project_id, version, document, plan) SELECT gen_random_uuid(), id, 1, $1, '{}' FROM meta_projects WHERE code = 'bench'`,
    [JSON.stringify(doc)],
  );
  await pool.query(
    `UPDATE system_config SET value = '100000000' WHERE key = 'runtime.rateLimit.perMinute'`,
  );
  const db = createDb({ databaseUrl: url, poolSize: 2 });
  const admin = await db.role.findUniqueOrThrow({ where: { code: 'admin' } });
  const owner = await db.user.create({
    data: {
      email: 'bench@example.com',
      passwordHash: 'x',
      roles: { create: { roleId: admin.id } },
    },
  });
  const scopes = ['data:read', 'data:create'];
  const { token } = await createApiToken(db, {
    userId: owner.id,
    name: 'bench',
    scopes,
    expiresAt: null,
  });
  // A clerk sees only the orders they created: the row filter of the third scenario.
  const clerkRole = await db.role.create({ data: { code: 'bench_clerk', name: 'Bench clerk' } });
  const project = await db.metaProject.findUniqueOrThrow({ where: { code: 'bench' } });
  await db.dataPermission.createMany({
    data: [
      {
        roleId: clerkRole.id,
        projectId: project.id,
        entity: 'order',
        action: 'read',
        rowFilter: { created_by: { _eq: '$CURRENT_USER' } },
      },
      { roleId: clerkRole.id, projectId: project.id, entity: 'customer', action: 'read' },
    ],
  });
  const clerk = await db.user.create({
    data: {
      email: 'clerk@example.com',
      passwordHash: 'x',
      roles: { create: { roleId: clerkRole.id } },
    },
  });
  const clerkToken = (
    await createApiToken(db, { userId: clerk.id, name: 'clerk', scopes, expiresAt: null })
  ).token;
  await db.$disconnect();
  const user = clerk;
  console.log(`Filling bench.order with ${ROWS.toLocaleString()} rows…`);
  await pool.query(
    `INSERT INTO bench.customer (name, email) SELECT 'Customer ' || i, 'c' || i || '@example.com' FROM generate_series(1, 10000) i`,
  );
  // One order in a hundred belongs to the bench user: the row filter's share.
  await pool.query(
    `INSERT INTO bench."order" (total, status, customer, created_by, created_at)
     SELECT (i % 1000) + 0.5, (ARRAY['new','paid','shipped'])[1 + i % 3], c.ids[1 + i % 10000],
            CASE WHEN i % 100 = 0 THEN $1::uuid END, now() - i * interval '1 second'
       FROM generate_series(1, $2::int) i,
            (SELECT array_agg(id ORDER BY id) AS ids FROM bench.customer) c`,
    [user.id, ROWS],
  );
  // The indexes a hand-written schema would have for these queries, for both servers.
  await pool.query(`CREATE INDEX ON bench."order" (created_at DESC, id)`);
  await pool.query(`CREATE INDEX ON bench."order" (created_by, created_at DESC, id)`);
  await pool.query(`VACUUM ANALYZE bench."order"`);
  await pool.query(`VACUUM ANALYZE bench.customer`);
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id FROM bench."order" ORDER BY random() LIMIT 500`,
  );
  const customers = await pool.query<{ id: string }>(`SELECT id FROM bench.customer LIMIT 100`);
  await pool.end();
  return {
    tokens: { owner: token, clerk: clerkToken },
    userId: user.id,
    orderIds: rows.map((r) => r.id),
    customerIds: customers.rows.map((r) => r.id),
  };
}

async function startServer(
  script: string,
  env: Record<string, string>,
  port: number,
): Promise<ChildProcess> {
  const profile =
    benchEnv.BENCH_PROFILE && !script.includes('floor')
      ? ['--cpu-prof', `--cpu-prof-dir=${benchEnv.BENCH_PROFILE}`]
      : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', script], {
    env: { ...process.env, ...env }, // eslint-disable-line no-restricted-properties -- children inherit the machine's environment
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 200; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.status < 500 || script.includes('floor')) return child;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${script} did not start`);
}

async function committed(url: string): Promise<number> {
  // Statistics reach pg_stat_database within a second of the transactions.
  await new Promise((r) => setTimeout(r, 1200));
  const name = new URL(url).pathname.slice(1);
  const { rows } = await adminQuery(
    url,
    `SELECT xact_commit::bigint AS n FROM pg_stat_database WHERE datname = $1`,
    [name],
  );
  return Number((rows[0] as { n: string }).n);
}

interface Scenario {
  name: string;
  /** Whose token the runtime sees: the owner (every row) or the clerk (a row filter). */
  as?: 'owner' | 'clerk';
  requests: (ids: { orderIds: string[]; customerIds: string[] }) => autocannon.Request[];
}

const SCENARIOS: Scenario[] = [
  {
    name: 'get by id',
    requests: ({ orderIds }) =>
      orderIds.map((id) => ({ method: 'GET', path: `/api/v1/bench/order/${id}` })),
  },
  {
    name: 'list 20',
    requests: () => [{ method: 'GET', path: '/api/v1/bench/order?perPage=20&count=none' }],
  },
  {
    name: 'list 20 + expand + row filter',
    as: 'clerk',
    requests: () => [
      { method: 'GET', path: `/api/v1/bench/order?perPage=20&count=none&expand=customer` },
    ],
  },
  {
    name: 'create',
    requests: ({ customerIds }) =>
      customerIds.map((customer, i) => ({
        method: 'POST',
        path: '/api/v1/bench/order',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ total: i + 0.25, status: 'new', customer }),
      })),
  },
];

async function load(port: number, token: string | null, requests: autocannon.Request[]) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    total: result.requests.total,
  };
}

async function main() {
  const server = await startTestServer();
  const name = `tessera_bench_${Date.now().toString(36)}`;
  await adminQuery(
    server.adminUrl,
    `CREATE DATABASE "${name}" TEMPLATE "${server.templateDatabase}"`,
  );
  const url = withDatabase(server.adminUrl, name);
  const children: ChildProcess[] = [];
  try {
    const data = await prepare(url);
    const runtime = await startServer(
      path.join(here, '../src/main.ts'),
      { DATABASE_URL: url, RUNTIME_PORT: '3291', LOG_LEVEL: 'silent' },
      3291,
    );
    children.push(runtime);
    const floor = await startServer(
      path.join(here, 'floor-server.ts'),
      { DATABASE_URL: url, FLOOR_PORT: '3292', BENCH_USER_ID: data.userId },
      3292,
    );
    children.push(floor);
    const rows: string[][] = [];
    for (const scenario of SCENARIOS) {
      const requests = scenario.requests(data);
      // Warm both (plans, caches), then measure the floor and the runtime in turn.
      await load(3292, null, requests);
      const token = data.tokens[scenario.as ?? 'owner'];
      await load(3291, token, requests);
      const floorBefore = await committed(url);
      const f = await load(3292, null, requests);
      const floorStatements = ((await committed(url)) - floorBefore) / Math.max(1, f.total);
      const before = await committed(url);
      const r = await load(3291, token, requests);
      const statements = ((await committed(url)) - before) / Math.max(1, r.total);
      rows.push([
        scenario.name,
        f.rps.toFixed(0),
        r.rps.toFixed(0),
        (r.rps / f.rps).toFixed(2),
        `${f.p99} / ${r.p99}`,
        `${floorStatements.toFixed(2)} / ${statements.toFixed(2)}`,
        String(r.errors + f.errors),
      ]);
      console.log(`${scenario.name}: floor ${f.rps.toFixed(0)}/s, runtime ${r.rps.toFixed(0)}/s`);
    }
    const header = [
      'scenario',
      'floor req/s',
      'runtime req/s',
      'ratio',
      'p99 ms floor / runtime',
      'statements/request floor / runtime',
      'errors',
    ];
    console.log(`\n| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
    console.log(
      `\n${ROWS.toLocaleString()} orders, ${CONNECTIONS} connections, ${SECONDS} s per run, PostgreSQL at ${new URL(server.adminUrl).host}.`,
    );
  } finally {
    for (const child of children) {
      child.kill('SIGTERM');
      await once(child, 'exit').catch(() => undefined);
    }
    await dropDatabase(server.adminUrl, name);
    await server.stop();
  }
}

await main();
