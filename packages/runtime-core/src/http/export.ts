/**
 * GET /api/v1/{project}/{entity}/export?format=csv: every row the list would show (same
 * filter, keywords, sort, fields and permissions), streamed from a server-side cursor through a
 * CSV writer, so memory stays flat however many rows there are.
 */
import { pipeline, type Readable, Transform } from 'node:stream';

import { stringify } from 'csv-stringify';
import type pg from 'pg';
import QueryStream from 'pg-query-stream';

import { csvCell } from './csv-cell';
import { listParams, parseListQuery } from './read';
import { badRequest, shown } from './result';
import type { DataRequest } from './target';

export const MAX_EXPORT_ROWS = 1_000_000;

export interface StreamedResult {
  status: 200;
  contentType: string;
  filename: string;
  stream: Readable;
}

export async function exportRows(
  options: Omit<DataRequest, 'db'> & {
    pool: Pick<pg.Pool, 'query' | 'connect'>;
    query: URLSearchParams;
  },
): Promise<StreamedResult> {
  const format = options.query.get('format') ?? 'csv';
  if (format !== 'csv') throw badRequest(`format must be csv, not '${shown(format)}'`);
  const q = parseListQuery({ ...options, db: options.pool });
  const sql = q.target.plan.rowsSql({
    sort: q.sort,
    filter: q.where.sql,
    select: q.select.sql,
    search: q.search,
    keywords: q.keywords !== null,
    limit: MAX_EXPORT_ROWS,
  });
  const client = await options.pool.connect();
  const rows = client.query(new QueryStream(sql, listParams(q), { batchSize: 500 }));
  const names = q.select.names;
  const records = new Transform({
    objectMode: true,
    transform(row: { json: string }, _encoding, done) {
      const data = JSON.parse(row.json) as Record<string, unknown>;
      done(
        null,
        names.map((n) => csvCell(data[n])),
      );
    },
  });
  const csv = stringify({ header: true, columns: names });
  // A connection left mid-query (the client went away) is closed rather than reused.
  pipeline(rows, records, csv, (error) => client.release(error ?? undefined));
  return {
    status: 200,
    contentType: 'text/csv; charset=utf-8',
    filename: `${options.entity}.csv`,
    stream: csv,
  };
}
