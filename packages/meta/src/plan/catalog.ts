/** Reads what exists in a project schema: constraint and index names, row counts. */
import { quoteIdent } from '../names';
import type { Queryable } from './types';

export async function schemaExists(db: Queryable, schema: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  return rows.length > 0;
}

/** Names of constraints of `type` ('f' foreign key, 'c' check, 'u' unique) on one column. */
export async function columnConstraints(
  db: Queryable,
  schema: string,
  table: string,
  column: string,
  type: 'f' | 'c' | 'u',
): Promise<string[]> {
  const { rows } = await db.query<{ conname: string }>(
    `SELECT c.conname FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY (c.conkey)
      WHERE n.nspname = $1 AND t.relname = $2 AND a.attname = $3 AND c.contype = $4 AND cardinality(c.conkey) = 1`,
    [schema, table, column, type],
  );
  return rows.map((r) => r.conname);
}

/** Names of single-column indexes on a column (not primary keys). */
export async function columnIndexes(
  db: Queryable,
  schema: string,
  table: string,
  column: string,
): Promise<{ name: string; unique: boolean }[]> {
  const { rows } = await db.query<{ name: string; unique: boolean }>(
    `SELECT i.relname AS name, x.indisunique AS unique FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
      WHERE n.nspname = $1 AND t.relname = $2 AND a.attname = $3 AND x.indnatts = 1 AND NOT x.indisprimary`,
    [schema, table, column],
  );
  return rows;
}

/**
 * Indexes of `table` in the shape of the default list order (`created_at DESC, id`), whatever
 * their names (a renamed table keeps its indexes' names), and whether they cover live rows only.
 */
export async function listOrderIndexes(
  db: Queryable,
  schema: string,
  table: string,
): Promise<{ name: string; liveOnly: boolean }[]> {
  const { rows } = await db.query<{ name: string; definition: string }>(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
      WHERE schemaname = $1 AND tablename = $2 AND indexdef LIKE '%USING btree (created_at DESC, id)%'`,
    [schema, table],
  );
  return rows.map((r) => ({
    name: r.name,
    liveOnly: r.definition.endsWith('WHERE (deleted_at IS NULL)'),
  }));
}

export async function count(db: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: string | number }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}

export function qualified(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}
