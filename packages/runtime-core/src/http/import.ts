/**
 * POST /api/v1/{project}/{entity}/import: CSV (raw `text/csv`, or a `file` in a multipart
 * form, as amis uploads it). The header names the fields. Every line is validated first and
 * all problems are reported by line; only a clean file is written, in one transaction, with the
 * same checks as a single create. All lines or none.
 */
import { AppError } from '@tessera/errors';
import type { Field } from '@tessera/meta';
import { parse } from 'csv-parse/sync';
import type pg from 'pg';

import { csvText } from './csv-cell';
import { badRequest, type HttpResult, ok, shown } from './result';
import { resolveTarget } from './target';
import { checkCreate, createRow, writableNames, type WriteOptions } from './write';

export const MAX_IMPORT_LINES = 50_000;
const MAX_REPORTED = 100;
const SYSTEM = new Set(['id', 'created_at', 'updated_at', 'created_by', 'updated_by', 'version']);

/** A CSV cell as the value its field expects (its formula guard taken off); empty means absent. */
export function fromCsv(field: Field | undefined, cell: string): unknown {
  if (cell === '') return undefined;
  const text = csvText(cell);
  const type = field?.type;
  if (type === undefined) {
    // A many-to-many list: JSON, or ids separated by semicolons.
    if (text.startsWith('[')) return parseJson(text);
    return text
      .split(';')
      .map((id) => id.trim())
      .filter(Boolean);
  }
  switch (type) {
    case 'integer':
    case 'float':
      return /^\s*-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(text) ? Number(text) : text;
    case 'boolean': {
      const t = text.trim().toLowerCase();
      return ['true', '1', 'yes'].includes(t)
        ? true
        : ['false', '0', 'no'].includes(t)
          ? false
          : text;
    }
    case 'json':
    case 'enum-multi':
      return parseJson(text);
    default:
      return text;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

interface Line {
  line: number;
  errors: Record<string, string>;
}

export async function importRows(
  options: Omit<WriteOptions, 'db'> & { pool: Pick<pg.Pool, 'connect'>; csv: string },
): Promise<HttpResult> {
  const target = resolveTarget({ ...options, db: { query: () => Promise.reject(new Error()) } });
  const writable = writableNames(options);
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(options.csv, {
      columns: (header: string[]) => header.map((h) => h.trim()),
      bom: true,
      skip_empty_lines: true,
      info: true,
      to_line: MAX_IMPORT_LINES + 2,
    }) as never;
  } catch (error) {
    throw badRequest(`The file is not valid CSV: ${(error as Error).message}`);
  }
  if (records.length === 0) throw badRequest('The file has no rows under its header line');
  if (records.length > MAX_IMPORT_LINES)
    throw badRequest(`Import at most ${MAX_IMPORT_LINES} rows at once`);
  const header = Object.keys(records[0]!.record);
  const unknown = header.find((h) => !SYSTEM.has(h) && !writable.includes(h));
  if (unknown !== undefined)
    throw badRequest(
      `Column '${shown(unknown, 60)}' is not a field you may write in ${options.entity}`,
    );
  const fields = new Map(target.entity.fields.map((f) => [f.code, f]));
  const relationKeys = new Set(target.plan.columns);
  const bodies = records.map(({ record }) => {
    const body: Record<string, unknown> = {};
    for (const name of header) {
      if (SYSTEM.has(name)) continue;
      const field =
        fields.get(name) ??
        (relationKeys.has(name) ? { code: name, type: 'uuid' as const } : undefined);
      const value = fromCsv(field, record[name] ?? '');
      if (value !== undefined) body[name] = value;
    }
    return body;
  });
  const problems: Line[] = [];
  for (const [i, body] of bodies.entries()) {
    const checked = checkCreate(options, body);
    if (checked) problems.push({ line: records[i]!.info.lines, errors: checked });
  }
  if (problems.length) throw refuse(problems);
  const client = await options.pool.connect();
  let open = false;
  try {
    await client.query('BEGIN');
    open = true;
    for (const [i, body] of bodies.entries()) {
      await createRow({ ...options, db: client, body }).catch((error: unknown) => {
        if (!(error instanceof AppError)) throw error;
        const line = records[i]!.info.lines;
        throw refuse([{ line, errors: error.fieldErrors ?? { '': error.message } }], error);
      });
    }
    await client.query('COMMIT');
    open = false;
    return ok(JSON.stringify({ created: bodies.length }));
  } finally {
    if (open) await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}

/** The refusal of a whole file, by line; `cause` is the write that failed, if one did. */
function refuse(lines: Line[], cause?: AppError): AppError {
  const shown = lines.slice(0, MAX_REPORTED);
  const describe = (l: Line) =>
    Object.entries(l.errors)
      .map(([field, message]) => (field ? `${field}: ${message}` : message))
      .join('; ');
  return new AppError(
    cause?.code ?? 'VALIDATION',
    `${lines.length} line${lines.length === 1 ? '' : 's'} need${lines.length === 1 ? 's' : ''} attention; nothing was imported`,
    {
      cause,
      fieldErrors: Object.fromEntries(shown.map((l) => [`line ${l.line}`, describe(l)])),
      details: { lines: shown },
    },
  );
}
