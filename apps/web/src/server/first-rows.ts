/**
 * The first page of a data page's list, read from the runtime while the page is rendered on
 * the server, so its rows show before amis has started in the browser. It is read as the
 * signed-in user (their session token as a bearer credential), under the same permissions
 * as every other read; anything amiss just means no early rows.
 */
import 'server-only';

import { readCredential } from '@tessera/auth';
import { type ListPreview, previewCells } from '@tessera/pages';
import { cookies, headers } from 'next/headers';
import { z } from 'zod';

import { TIME_ZONE_COOKIE } from '~/components/shell/time-zone';
import { env } from '~/env';

import { logger } from './logger';
import { internalUrl, RuntimeReach } from './runtime-reach';

export interface FirstRows {
  columns: { name: string; label: string }[];
  /** Cells by row, then column. */
  rows: string[][];
  total: number;
}

const listAnswer = z.object({
  data: z.object({
    items: z.array(z.record(z.string(), z.unknown())),
    total: z.number().int().nonnegative(),
  }),
});

/** Past this the page is sent without early rows: amis reads them itself. */
const READ_AHEAD_MS = 1_000;
/** After the runtime could not be reached, pages are rendered without trying for this long. */
const PAUSE_AFTER_FAILURE_MS = 30_000;
const reach = new RuntimeReach(PAUSE_AFTER_FAILURE_MS);

export async function readFirstRows(preview: ListPreview): Promise<FirstRows | null> {
  const h = await headers();
  const credential = readCredential(h);
  if (!credential || !reach.open) return null;
  try {
    const url = internalUrl(preview.url, env.RUNTIME_URL, env.RUNTIME_INTERNAL_URL);
    const response = await fetch(url, {
      headers: {
        authorization: `Bearer ${credential.token}`,
        accept: 'application/json',
        ...(h.get('x-request-id') ? { 'x-request-id': h.get('x-request-id')! } : {}),
      },
      cache: 'no-store',
      signal: AbortSignal.timeout(READ_AHEAD_MS),
    });
    reach.succeeded();
    if (!response.ok) return null;
    const { data } = listAnswer.parse(await response.json());
    return {
      columns: preview.columns.map(({ name, label }) => ({ name, label })),
      // In the reader's time zone once their browser has said which it is.
      rows: previewCells(preview, data.items, (await cookies()).get(TIME_ZONE_COOKIE)?.value),
      total: data.total,
    };
  } catch (error) {
    // Unreachable or too slow (an answer that does not parse is the runtime's, not the way's).
    if (!(error instanceof z.ZodError) && !(error instanceof SyntaxError)) reach.failed();
    logger.warn({ err: error, url: preview.url }, 'first rows not read ahead');
    return null;
  }
}
