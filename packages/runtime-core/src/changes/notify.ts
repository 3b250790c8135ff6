/**
 * Every write announces the rows it changed on `tessera_changes`, from inside its own statement
 * (so a rolled-back write announces nothing): `{ p, e, op, ids, s }`, in chunks that fit
 * PostgreSQL's notification size. Each chunk is also kept in `data_changes`, whose number `s`
 * is the change stream's event id, so a subscriber that reconnects is sent what it missed. A
 * hard delete keeps the rows it deleted there too: who may see that a row went is decided from
 * the row as it was.
 */
import { sqlLiteral } from '@tessera/meta';
import type pg from 'pg';

export const CHANGES_CHANNEL = 'tessera_changes';
export type ChangeOp = 'create' | 'update' | 'delete';

export interface ChangeNotice {
  p: string;
  e: string;
  op: ChangeOp;
  ids: string[];
  /** The change's number in `data_changes`. */
  s: number;
}

const IDS_PER_NOTICE = 150;

/**
 * CTEs over the written rows `r`: `l` keeps the change (with the rows themselves when
 * `keepRows`), `n` announces it; the final SELECT must read `n` (`CROSS JOIN n`).
 */
export function notifyCte(project: string, entity: string, op: ChangeOp, keepRows = false): string {
  const [p, e] = [sqlLiteral(project), sqlLiteral(entity)];
  const chunks = `(SELECT r."id", ${keepRows ? 'to_jsonb(r)' : 'NULL::jsonb'} AS row, (row_number() OVER ()) / ${IDS_PER_NOTICE} AS g FROM r) c`;
  const kept = `l AS (INSERT INTO data_changes (project, entity, op, ids, rows) SELECT ${p}, ${e}, '${op}', array_agg(c."id"), ${keepRows ? 'jsonb_agg(c.row)' : 'NULL'} FROM ${chunks} GROUP BY c.g RETURNING seq, ids)`;
  const notice = `json_build_object('p', ${p}, 'e', ${e}, 'op', '${op}', 'ids', l.ids, 's', l.seq)::text`;
  return `${kept}, n AS (SELECT count(*) AS sent FROM (SELECT pg_notify('${CHANGES_CHANNEL}', ${notice}) FROM l) z)`;
}

/** Changes are kept this long for subscribers that reconnect. */
export const CHANGES_KEPT_HOURS = 1;

/** Removes changes kept longer than needed; any runtime may. */
export async function pruneChanges(db: Pick<pg.Pool, 'query'>): Promise<number> {
  const { rowCount } = await db.query(
    // The newest stays: a quiet stream's event id still names it.
    `DELETE FROM data_changes WHERE at < CURRENT_TIMESTAMP - make_interval(hours => $1) AND seq < (SELECT max(seq) FROM data_changes)`,
    [CHANGES_KEPT_HOURS],
  );
  return rowCount ?? 0;
}
