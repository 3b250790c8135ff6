/**
 * `pnpm bench`: the runtime against a hand-written floor server on one database with a
 * 1,000,000-row entity and a many-to-one relation. Prints requests per second for both, the
 * ratio runtime ÷ floor, and the SQL statements each runtime request cost (counted as
 * committed transactions in pg_stat_database: every statement here runs on its own).
 *
 * Environment: DATABASE_URL (else an embedded PostgreSQL), BENCH_ROWS (1,000,000),
 * BENCH_SECONDS per run (10), BENCH_CONNECTIONS (10), BENCH_ONLY (scenario names, all).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

import {
  adminQuery,
  dropDatabase,
  startTestServer,
  withDatabase,
} from '@tessera/db/testing/server';
import autocannon from 'autocannon';

import { prepareDataset } from './dataset';
import { startEjected } from './ejected';
import { benchEnv } from './env';
import { measureReload, RELOAD_TARGET_MS } from './reload';

const { BENCH_ROWS: ROWS, BENCH_SECONDS: SECONDS, BENCH_CONNECTIONS: CONNECTIONS } = benchEnv;
const here = path.dirname(new URL(import.meta.url).pathname);

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

/** The hot reload measurement's name, for BENCH_ONLY. */
const RELOAD = 'hot reload';
/** The runtime against the ejected service, for BENCH_ONLY. */
const EJECTED = 'ejected';
/** The interpreted runtime is expected to be ahead of the generated Prisma service by this much. */
const EJECTED_TARGET = 1.5;

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
    // Biggest first among the paid ones: a descending sort on an indexed field, filtered.
    name: 'list 20 paid by -total + expand',
    requests: () => [
      {
        method: 'GET',
        path: `/api/v1/bench/order?perPage=20&count=none&expand=customer&sort=-total&filter=${encodeURIComponent('{"status":{"_eq":"paid"}}')}`,
      },
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
  const unknown =
    benchEnv.BENCH_ONLY?.filter(
      (name) => name !== RELOAD && name !== EJECTED && !SCENARIOS.some((s) => s.name === name),
    ) ?? [];
  if (unknown.length)
    throw new Error(
      `BENCH_ONLY names no scenario '${unknown.join("', '")}'; there are: ${[...SCENARIOS.map((s) => s.name), RELOAD, EJECTED].join(', ')}`,
    );
  const server = await startTestServer();
  const name = `tessera_bench_${Date.now().toString(36)}`;
  await adminQuery(
    server.adminUrl,
    `CREATE DATABASE "${name}" TEMPLATE "${server.templateDatabase}"`,
  );
  const url = withDatabase(server.adminUrl, name);
  const children: ChildProcess[] = [];
  try {
    const data = await prepareDataset(url);
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
    const only = benchEnv.BENCH_ONLY;
    for (const scenario of SCENARIOS.filter((s) => !only || only.includes(s.name))) {
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
    if (rows.length) {
      console.log(`\n| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
      for (const row of rows) console.log(`| ${row.join(' | ')} |`);
    }
    if (!only || only.includes(RELOAD)) {
      // Publishes while the runtime serves a read load.
      const reading = load(3291, data.tokens.owner, SCENARIOS[0]!.requests(data));
      const timings = await measureReload({
        url,
        port: 3291,
        token: data.tokens.owner,
        customerId: data.customerIds[0]!,
        rounds: 5,
      });
      await reading;
      const sorted = [...timings].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)]!;
      console.log(
        `\n${RELOAD}: publish → new field served in ${median.toFixed(0)} ms (median of ${sorted.length}, max ${sorted.at(-1)!.toFixed(0)} ms) under a read load; target ${RELOAD_TARGET_MS} ms, ratio ${(median / RELOAD_TARGET_MS).toFixed(2)} (below 1 is within it)`,
      );
    }
    if (!only || only.includes(EJECTED)) {
      const ejected = await startEjected(url);
      try {
        const compared = [
          SCENARIOS.find((s) => s.name === 'get by id')!,
          {
            name: 'list 20 + expand',
            requests: () => [
              { method: 'GET', path: '/api/v1/bench/order?perPage=20&count=none&expand=customer' },
            ],
          } satisfies Scenario,
        ];
        const table: string[][] = [];
        for (const scenario of compared) {
          const requests = scenario.requests(data);
          await load(ejected.port, data.tokens.owner, requests);
          const e = await load(ejected.port, data.tokens.owner, requests);
          const r = await load(3291, data.tokens.owner, requests);
          table.push([
            scenario.name,
            r.rps.toFixed(0),
            e.rps.toFixed(0),
            (r.rps / e.rps).toFixed(2),
            `${r.p99} / ${e.p99}`,
            String(r.errors + e.errors),
          ]);
        }
        const head = [
          'scenario',
          'runtime req/s',
          'ejected req/s',
          'runtime ÷ ejected',
          'p99 ms runtime / ejected',
          'errors',
        ];
        console.log(
          `\nThe runtime against the ejected NestJS + Prisma service (target ratio ≥ ${EJECTED_TARGET}):`,
        );
        console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
        for (const row of table) console.log(`| ${row.join(' | ')} |`);
      } finally {
        await ejected.stop();
      }
    }
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
