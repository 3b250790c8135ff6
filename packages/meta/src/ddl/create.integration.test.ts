import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ModelDocumentInput } from '../document';
import { validateDocument } from '../serialize';
import { createProjectDdl } from './create';

const model: ModelDocumentInput = {
  project: 'shop',
  entities: [
    {
      code: 'customer',
      softDelete: true,
      fields: [
        { code: 'name', type: 'string', length: 100, required: true },
        { code: 'email', type: 'email', unique: true },
        { code: 'vip', type: 'boolean', default: false },
        { code: 'tags', type: 'enum-multi', options: ['b2b', 'b2c'] },
        { code: 'profile', type: 'json', default: { newsletter: true } },
      ],
    },
    {
      code: 'order',
      fields: [
        { code: 'total', type: 'decimal', precision: 12, scale: 2, validation: { min: 0 } },
        { code: 'quantity', type: 'integer', default: 1 },
        {
          code: 'status',
          type: 'enum',
          options: ['new', 'paid', 'shipped'],
          default: 'new',
          indexed: true,
        },
        { code: 'placed_at', type: 'datetime', default: { fn: 'now' } },
        {
          code: 'unit_price',
          type: 'computed',
          expression: 'round(total / quantity, 2)',
          resultType: 'decimal',
          precision: 12,
          scale: 2,
        },
      ],
    },
    {
      code: 'invoice',
      fields: [{ code: 'number', type: 'string', length: 20, required: true, unique: true }],
    },
    { code: 'tag', fields: [{ code: 'label', type: 'string', required: true }] },
    { code: 'order_tag', fields: [{ code: 'note', type: 'text' }] },
  ],
  relations: [
    {
      code: 'order_customer',
      type: 'many-to-one',
      from: 'order',
      to: 'customer',
      field: 'customer',
      inverse: 'orders',
      onDelete: 'restrict',
      required: true,
    },
    {
      code: 'order_invoice',
      type: 'one-to-one',
      from: 'invoice',
      to: 'order',
      field: 'order',
      inverse: 'invoice',
      onDelete: 'cascade',
    },
    {
      code: 'referrer',
      type: 'many-to-one',
      from: 'customer',
      to: 'customer',
      field: 'referred_by',
      inverse: 'referrals',
      onDelete: 'set-null',
    },
    {
      code: 'order_tags',
      type: 'many-to-many',
      from: 'order',
      to: 'tag',
      field: 'tags',
      inverse: 'orders',
      through: 'order_tag',
    },
  ],
};

let t: TestDatabase;
let client: pg.Client;
beforeAll(async () => {
  t = await createTestDatabase();
  client = new pg.Client({ connectionString: t.url });
  await client.connect();
  const parsed = validateDocument(model);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  await client.query('BEGIN');
  for (const statement of createProjectDdl(parsed.document)) await client.query(statement.sql);
  await client.query('COMMIT');
});
afterAll(async () => {
  await client.end();
  await t.drop();
});

async function fails(sql: string, params: unknown[] = []): Promise<string> {
  try {
    await client.query(sql, params);
    return 'succeeded';
  } catch (error) {
    return (error as { code?: string }).code ?? 'error';
  }
}

describe('createProjectDdl on PostgreSQL', () => {
  it('creates one table per entity in the project schema, with system and relation columns', async () => {
    const { rows } = await client.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      is_nullable: string;
    }>(
      `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'shop' ORDER BY table_name, ordinal_position`,
    );
    const columns = (table: string) =>
      rows.filter((r) => r.table_name === table).map((r) => r.column_name);
    expect(columns('customer')).toEqual([
      'id',
      'created_at',
      'updated_at',
      'created_by',
      'updated_by',
      'version',
      'deleted_at',
      'name',
      'email',
      'vip',
      'tags',
      'profile',
      'referred_by',
    ]);
    expect(columns('order')).toEqual([
      'id',
      'created_at',
      'updated_at',
      'created_by',
      'updated_by',
      'version',
      'total',
      'quantity',
      'status',
      'placed_at',
      'unit_price',
      'customer',
    ]);
    expect(columns('order_tag')).toEqual([
      'id',
      'created_at',
      'updated_at',
      'created_by',
      'updated_by',
      'version',
      'note',
      'order',
      'tag',
    ]);
    const type = (table: string, column: string) =>
      rows.find((r) => r.table_name === table && r.column_name === column);
    expect(type('order', 'total')?.data_type).toBe('numeric');
    expect(type('order', 'placed_at')?.data_type).toBe('timestamp with time zone');
    expect(type('customer', 'tags')?.data_type).toBe('ARRAY');
    expect(type('order', 'customer')?.is_nullable).toBe('NO');
  });

  it('indexes every foreign key', async () => {
    const { rows } = await client.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = 'shop'`,
    );
    const defs = rows.map((r) => r.indexdef).join('\n');
    for (const column of [
      '"order" USING btree (customer)',
      'customer USING btree (referred_by)',
      'invoice USING btree ("order")',
      'order_tag USING btree ("order")',
      'order_tag USING btree (tag)',
    ]) {
      expect(defs).toContain(column);
    }
  });

  it('enforces defaults, enums, uniqueness, references and computed values', async () => {
    const {
      rows: [ada],
    } = await client.query<{ id: string; vip: boolean; version: number; profile: unknown }>(
      `INSERT INTO shop.customer (name, email) VALUES ('Ada', 'ada@example.com') RETURNING id, vip, version, profile`,
    );
    expect(ada).toMatchObject({ vip: false, version: 1, profile: { newsletter: true } });
    expect(
      await fails(`INSERT INTO shop.customer (name, email) VALUES ('Ada 2', 'ada@example.com')`),
    ).toBe('23505');
    expect(
      await fails(`INSERT INTO shop.customer (name, tags) VALUES ('X', ARRAY['b2b','nope'])`),
    ).toBe('23514');

    const {
      rows: [order],
    } = await client.query<{ id: string; status: string; unit_price: string }>(
      `INSERT INTO shop."order" (total, quantity, customer) VALUES (10.00, 4, $1) RETURNING id, status, unit_price`,
      [ada!.id],
    );
    expect(order).toMatchObject({ status: 'new', unit_price: '2.50' });
    expect(await fails(`UPDATE shop."order" SET status = 'lost' WHERE id = $1`, [order!.id])).toBe(
      '23514',
    );
    expect(await fails(`INSERT INTO shop."order" (total) VALUES (1)`)).toBe('23502');
    // A restricting reference: restrict_violation from PostgreSQL 18, a foreign key one before.
    expect(['23001', '23503']).toContain(
      await fails(`DELETE FROM shop.customer WHERE id = $1`, [ada!.id]),
    );

    const {
      rows: [tag],
    } = await client.query<{ id: string }>(
      `INSERT INTO shop.tag (label) VALUES ('gift') RETURNING id`,
    );
    await client.query(`INSERT INTO shop.order_tag ("order", tag) VALUES ($1, $2)`, [
      order!.id,
      tag!.id,
    ]);
    expect(
      await fails(`INSERT INTO shop.order_tag ("order", tag) VALUES ($1, $2)`, [
        order!.id,
        tag!.id,
      ]),
    ).toBe('23505');
  });

  it('keeps uniqueness among live rows only when soft delete is on', async () => {
    await client.query(
      `INSERT INTO shop.customer (name, email, deleted_at) VALUES ('Old', 'old@example.com', now())`,
    );
    expect(
      await fails(`INSERT INTO shop.customer (name, email) VALUES ('New', 'old@example.com')`),
    ).toBe('succeeded');
  });
});
