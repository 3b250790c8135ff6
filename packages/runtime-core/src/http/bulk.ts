/**
 * POST /api/v1/{project}/{entity}/bulk: amis's quickSave (`rows` with `rowsDiff`) and bulk
 * update by ids (`ids` with `values`, or the form's fields beside `ids`). Every row goes
 * through the single-row update, with its checks, inside one transaction: all rows or none.
 */
import { AppError } from '@tessera/errors';
import type pg from 'pg';

import { badRequest, type HttpResult, ok } from './result';
import { MAX_BULK_IDS, parseIds, updateRow, type WriteOptions } from './write';

/** Keys amis adds to bulk requests that are not field values. */
const AMIS_KEYS = new Set([
  'ids',
  'items',
  'rows',
  'rowsDiff',
  'rowsOrigin',
  'indexes',
  'unModifiedItems',
  'selectedItems',
  'unSelectedItems',
  'values',
]);

interface Change {
  id: string;
  values: Record<string, unknown>;
  version: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function changes(body: unknown): Change[] {
  if (!isObject(body)) throw badRequest('The body must be a JSON object');
  if (Array.isArray(body.rows)) {
    const rows = body.rows as unknown[];
    const diffs = Array.isArray(body.rowsDiff) ? (body.rowsDiff as unknown[]) : rows;
    const origin = Array.isArray(body.rowsOrigin) ? (body.rowsOrigin as unknown[]) : [];
    if (rows.length === 0) throw badRequest('Select at least one row (rows is empty)');
    if (rows.length > MAX_BULK_IDS) throw badRequest(`Save at most ${MAX_BULK_IDS} rows at once`);
    const list: Change[] = [];
    for (const [i, row] of rows.entries()) {
      const diff = diffs[i];
      if (!isObject(row) || !isObject(diff) || typeof row.id !== 'string')
        throw badRequest(`rows[${i}] must be an object with its id`);
      const { id: _id, version: _v, ...values } = diff;
      const before = origin[i];
      list.push({
        id: row.id,
        values,
        version: isObject(before) ? before.version : row.version,
      });
    }
    return list;
  }
  const ids = parseIds(
    Array.isArray(body.ids) ? body.ids.join(',') : typeof body.ids === 'string' ? body.ids : null,
  );
  const values = isObject(body.values)
    ? body.values
    : Object.fromEntries(Object.entries(body).filter(([k]) => !AMIS_KEYS.has(k)));
  if (Object.keys(values).length === 0) throw badRequest('Nothing to update: give values');
  return ids.map((id) => ({ id, values, version: undefined }));
}

export async function bulkUpdate(
  options: Omit<WriteOptions, 'db'> & { pool: Pick<pg.Pool, 'connect'>; body: unknown },
): Promise<HttpResult> {
  const list = changes(options.body);
  const client = await options.pool.connect();
  let done = false;
  try {
    await client.query('BEGIN');
    const items: string[] = [];
    for (const [i, change] of list.entries()) {
      const body =
        change.version === undefined
          ? change.values
          : { ...change.values, version: change.version };
      const result = await updateRow({ ...options, db: client, id: change.id, body, ifMatch: null })
        // The row that was refused, and why: nothing of the others is kept.
        .catch((error: unknown) => {
          if (!(error instanceof AppError)) throw error;
          throw new AppError(error.code, `Row ${i + 1} (${change.id}): ${error.message}`, {
            cause: error,
            fieldErrors: error.fieldErrors,
            details: { ...error.details, row: i },
          });
        });
      items.push(result.data!);
    }
    await client.query('COMMIT');
    done = true;
    return ok(`{"items":[${items.join(',')}],"count":${items.length}}`);
  } finally {
    if (!done) await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}
