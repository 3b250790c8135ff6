/**
 * What a subscriber that reconnects missed. Its last event id names the last change it was sent
 * (or the newest change anywhere when it connected) and when: the changes of its project after
 * that one, in order, and those numbered before it but committed after (their transaction was
 * still running when that one was written). Some may have reached it already: events are
 * delivered at least once. Changes are kept while someone streams the project and for
 * WATCH_KEEP_MS after the last subscriber leaves, so a subscriber away longer than
 * REPLAY_WITHIN_MS, or one whose change is no longer kept, is told to reload instead.
 */
import type pg from 'pg';

import type { ChangeNotice, ChangeOp } from './notify';

export const MAX_REPLAY = 1000;
/** A subscriber away longer than this is told to reload: changes may not have been kept. */
export const REPLAY_WITHIN_MS = 4 * 60_000;

export type Replay =
  | { notices: ChangeNotice[] }
  | { reset: 'unknown event id' | 'away too long' | 'too many changes' };

/** The stream's event id: the change it follows, and when it was sent (epoch seconds). */
export interface EventId {
  seq: number;
  at: number;
}

export const formatEventId = (id: EventId) => `${id.seq}.${id.at}`;

export function parseEventId(text: string | null | undefined): EventId | null {
  const match = /^(\d{1,15})\.(\d{1,12})$/.exec(text ?? '');
  return match ? { seq: Number(match[1]), at: Number(match[2]) } : null;
}

/** The newest change kept, anywhere: where a new subscriber's replay would start. */
export async function newestChange(db: Pick<pg.Pool, 'query'>): Promise<number> {
  // The number itself, not its text: as text, '99999' sorts after '100000'.
  const { rows } = await db.query<{ seq: string | null }>(
    'SELECT max(seq)::text AS seq FROM data_changes',
  );
  return rows[0]?.seq ? Number(rows[0].seq) : 0;
}

export async function replayChanges(
  db: Pick<pg.Pool, 'query'>,
  project: string,
  after: EventId,
  now = Date.now(),
): Promise<Replay> {
  if (now - after.at * 1000 > REPLAY_WITHIN_MS) return { reset: 'away too long' };
  const columns = `c.seq::text AS seq, c.entity, c.op, c.ids::text[] AS ids`;
  const { rows } = await db.query<{ seq: string; entity: string; op: ChangeOp; ids: string[] }>(
    after.seq === 0
      ? // With nothing kept when it connected, every change of the project kept since is new.
        `SELECT ${columns} FROM data_changes c WHERE c.project = $1 ORDER BY c.seq LIMIT ${MAX_REPLAY + 1}`
      : `SELECT ${columns} FROM data_changes c JOIN data_changes last ON last.seq = $2
          WHERE c.project = $1
            AND (c.seq > last.seq OR (c.seq < last.seq AND c.xid >= last.oldest_xid))
          ORDER BY c.seq LIMIT ${MAX_REPLAY + 1}`,
    after.seq === 0 ? [project] : [project, after.seq],
  );
  if (rows.length === 0 && after.seq !== 0) {
    const kept = await db.query('SELECT 1 FROM data_changes WHERE seq = $1', [after.seq]);
    if (kept.rowCount === 0) return { reset: 'unknown event id' };
  }
  if (rows.length > MAX_REPLAY) return { reset: 'too many changes' };
  return {
    notices: rows.map((r) => ({ p: project, e: r.entity, op: r.op, ids: r.ids, s: Number(r.seq) })),
  };
}
