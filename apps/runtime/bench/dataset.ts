/**
 * The benchmark's data: the `bench` project (orders many-to-one customers) published in a fresh
 * database, BENCH_ROWS orders over 10,000 customers, the indexes a hand-written schema would
 * have, an owner and a row-filtered clerk with their API tokens.
 */
import { createApiToken } from '@tessera/auth';
import { createDb } from '@tessera/db';
import { assignIds, createProjectDdl, validateDocument, withJunctionEntities } from '@tessera/meta';
import pg from 'pg';

import { benchEnv } from './env';

const ROWS = benchEnv.BENCH_ROWS;

export const MODEL = {
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
        { code: 'total', type: 'decimal', precision: 12, scale: 2, indexed: true },
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

export async function prepareDataset(url: string) {
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
  // The default order's index (`created_at DESC, id`) comes with the published table; the row
  // filter's, which a hand-written schema would have too, is added for both servers.
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
