/**
 * The floor: what a careful engineer would write by hand for the same requests, with
 * node:http and pg, one hand-written statement each, JSON built by PostgreSQL. No metadata, no
 * permissions, no authentication: the ceiling the runtime is measured against.
 */
import { createServer, type ServerResponse } from 'node:http';

import pg from 'pg';

import { floorEnv } from './env';

const env = floorEnv();
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 20 });
const user = env.BENCH_USER_ID;

const GET = `SELECT to_json(r)::text AS json FROM (SELECT id, created_at, updated_at, created_by, updated_by, version, total, status, customer FROM bench."order" WHERE id = $1) r`;
const LIST = `SELECT json_build_object('items', coalesce((SELECT json_agg(r) FROM (SELECT id, created_at, updated_at, created_by, updated_by, version, total, status, customer FROM bench."order" ORDER BY created_at DESC, id LIMIT 20) r), '[]'::json))::text AS json`;
const LIST_EXPANDED = `SELECT json_build_object('items', coalesce((SELECT json_agg(r) FROM (SELECT o.id, o.created_at, o.updated_at, o.created_by, o.updated_by, o.version, o.total, o.status, (SELECT to_json(c) FROM (SELECT id, created_at, updated_at, created_by, updated_by, version, name, email FROM bench.customer WHERE id = o.customer) c) AS customer FROM bench."order" o WHERE o.created_by = $1 ORDER BY o.created_at DESC, o.id LIMIT 20) r), '[]'::json))::text AS json`;
const PAID_BY_TOTAL = `SELECT json_build_object('items', coalesce((SELECT json_agg(r) FROM (SELECT o.id, o.created_at, o.updated_at, o.created_by, o.updated_by, o.version, o.total, o.status, (SELECT to_json(c) FROM (SELECT id, created_at, updated_at, created_by, updated_by, version, name, email FROM bench.customer WHERE id = o.customer) c) AS customer FROM bench."order" o WHERE o.status = $1 ORDER BY o.total DESC, o.id LIMIT 20) r), '[]'::json))::text AS json`;
const CREATE = `WITH r AS (INSERT INTO bench."order" (total, status, customer, created_by, updated_by) VALUES ($1, $2, $3, $4, $4) RETURNING id, created_at, updated_at, created_by, updated_by, version, total, status, customer) SELECT to_json(r)::text AS json FROM r`;

function reply(res: ServerResponse, json: string) {
  const body = `{"status":0,"msg":"","data":${json}}`;
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://floor');
  const run = async () => {
    if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const b = JSON.parse(Buffer.concat(chunks).toString()) as {
        total: number;
        status: string;
        customer: string;
      };
      const { rows } = await pool.query<{ json: string }>({
        name: 'create',
        text: CREATE,
        values: [b.total, b.status, b.customer, user],
      });
      return reply(res, rows[0]!.json);
    }
    const id = /^\/api\/v1\/bench\/order\/([0-9a-f-]{36})$/.exec(url.pathname)?.[1];
    if (id) {
      const { rows } = await pool.query<{ json: string }>({ name: 'get', text: GET, values: [id] });
      return reply(res, rows[0]!.json);
    }
    if (url.searchParams.get('sort') === '-total') {
      const { rows } = await pool.query<{ json: string }>({
        name: 'paid-by-total',
        text: PAID_BY_TOTAL,
        values: ['paid'],
      });
      return reply(res, rows[0]!.json);
    }
    if (url.searchParams.get('expand') === 'customer') {
      const { rows } = await pool.query<{ json: string }>({
        name: 'expanded',
        text: LIST_EXPANDED,
        values: [user],
      });
      return reply(res, rows[0]!.json);
    }
    const { rows } = await pool.query<{ json: string }>({ name: 'list', text: LIST, values: [] });
    return reply(res, rows[0]!.json);
  };
  run().catch((error: unknown) => {
    res.writeHead(500);
    res.end(String(error));
  });
}).listen(env.FLOOR_PORT, '127.0.0.1');
