/**
 * A first look at a data page before amis runs: the first page of its list as a plain table,
 * read on the server and sent with the page's HTML, so rows show while the browser is still
 * starting amis. It is taken from the page as it will render (edits included): the list
 * request of its first `crud` and the columns that table shows.
 */
import { z } from 'zod';

import { apiCall } from './api-call';
import { labelRows } from './relations';
import { shownText } from './text';

export interface PreviewColumn {
  name: string;
  label: string;
  /** The amis column type (`text`, `mapping`, `date`, `status`…). */
  type: string;
  map?: Record<string, string>;
}

export interface ListPreview {
  /** The first page of the list, as the page's `crud` asks for it. */
  url: string;
  columns: PreviewColumn[];
  /** To-one fields shown by their related row's label (see `relationLabels`). */
  labels: Record<string, string>;
}

const columnSchema = z.looseObject({
  name: z.string().min(1),
  label: z.string().optional(),
  type: z.string().default('text'),
  map: z.record(z.string(), z.string()).optional(),
  hidden: z.boolean().optional(),
  toggled: z.boolean().optional(),
});

const apiSchema = z.union([
  z.string(),
  z.looseObject({ method: z.string().optional(), url: z.string() }),
]);

const crudSchema = z.looseObject({
  type: z.literal('crud'),
  api: apiSchema,
  perPage: z.number().int().positive().optional(),
  columns: z.array(z.unknown()).default([]),
});

/** The first `crud` of a page, looked for in `body` (the generated page's place for it). */
function firstCrud(page: unknown): z.infer<typeof crudSchema> | null {
  if (!page || typeof page !== 'object') return null;
  const body = (page as { body?: unknown }).body;
  for (const node of Array.isArray(body) ? body : [body]) {
    const crud = crudSchema.safeParse(node);
    if (crud.success) return crud.data;
  }
  return null;
}

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/**
 * A GET of the runtime's data API without amis variables in it, the only kind the server may
 * send for the page: it carries the user's credential, so an edited page naming another
 * address is never read ahead.
 */
function listUrl(api: z.infer<typeof apiSchema>, runtimeUrl: string): string | null {
  const call = apiCall(api);
  const runtime = originOf(runtimeUrl);
  if (call?.method !== 'get' || call.url.includes('$') || !runtime) return null;
  if (originOf(call.url) !== runtime || new URL(call.url).pathname.indexOf('/api/v1/') !== 0)
    return null;
  return call.url;
}

/**
 * The preview of `page`, or null when it has no list the server can read ahead: no `crud`, a
 * list request with amis variables, or one to anywhere but the runtime at `runtimeUrl` (also
 * when that is a relative address).
 */
export function listPreview(
  page: unknown,
  labels: Record<string, string>,
  runtimeUrl: string,
): ListPreview | null {
  const crud = firstCrud(page);
  if (!crud) return null;
  const url = listUrl(crud.api, runtimeUrl);
  if (!url) return null;
  // amis's own paging parameters; its default page size is 10.
  const first = `${url}${url.includes('?') ? '&' : '?'}page=1&perPage=${crud.perPage ?? 10}`;
  const columns = crud.columns.flatMap((c) => {
    const parsed = columnSchema.safeParse(c);
    if (!parsed.success || parsed.data.hidden || parsed.data.toggled === false) return [];
    const { name, label, type, map } = parsed.data;
    // Labels and mapped values are written for amis's HTML; the preview shows their text.
    const shown = map && Object.fromEntries(Object.entries(map).map(([k, v]) => [k, shownText(v)]));
    return [{ name, label: shownText(label ?? name), type, ...(shown ? { map: shown } : {}) }];
  });
  return columns.length ? { url: first, columns, labels } : null;
}

/** `zone` when it names an IANA time zone this runtime knows, otherwise UTC. */
export function knownTimeZone(zone: string | undefined): string {
  if (!zone || zone.length > 64) return 'UTC';
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
}

/** `YYYY-MM-DD HH:mm:ss` in `timeZone`, as amis shows a datetime. */
function dateTimeIn(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** A cell as amis shows it, near enough for a first look (datetimes in `timeZone`). */
function cellText(column: PreviewColumn, value: unknown, timeZone: string): string {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) return value.map((v) => cellText(column, v, timeZone)).join(', ');
  if (column.type === 'status') return value ? 'Yes' : 'No';
  const text =
    typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint'
      ? String(value)
      : typeof value === 'boolean'
        ? String(value)
        : JSON.stringify(value);
  switch (column.type) {
    case 'mapping':
      return column.map?.[text] ?? text;
    case 'datetime': {
      const at = new Date(text);
      return Number.isNaN(at.getTime()) ? text : dateTimeIn(at, timeZone);
    }
    case 'date':
      return text.slice(0, 10);
    default:
      return text;
  }
}

/** The value at `name`, a field or a dotted path into a related row. */
function valueAt(row: Record<string, unknown>, name: string): unknown {
  return name
    .split('.')
    .reduce<unknown>(
      (v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
      row,
    );
}

/**
 * The rows of the list's answer as the preview's cells, column by column; datetimes in the
 * reader's time zone (an unknown one reads as UTC), as amis will show them in their browser.
 */
export function previewCells(
  preview: ListPreview,
  items: Record<string, unknown>[],
  timeZone = 'UTC',
): string[][] {
  const zone = knownTimeZone(timeZone);
  return labelRows(items, preview.labels).map((row) =>
    preview.columns.map((column) => cellText(column, valueAt(row, column.name), zone)),
  );
}
