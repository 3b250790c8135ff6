/**
 * Every write announces the rows it changed on `tessera_changes`, from inside its own statement
 * (so a rolled-back write announces nothing): `{ p, e, op, ids }`, in chunks that fit
 * PostgreSQL's notification size.
 */
import { sqlLiteral } from '@tessera/meta';

export const CHANGES_CHANNEL = 'tessera_changes';
export type ChangeOp = 'create' | 'update' | 'delete';

export interface ChangeNotice {
  p: string;
  e: string;
  op: ChangeOp;
  ids: string[];
}

const IDS_PER_NOTICE = 150;

/** A CTE named `n` over the written rows `r`; the final SELECT must read it (`CROSS JOIN n`). */
export function notifyCte(project: string, entity: string, op: ChangeOp): string {
  const notice = `json_build_object('p', ${sqlLiteral(project)}, 'e', ${sqlLiteral(entity)}, 'op', '${op}', 'ids', json_agg(c."id"))::text`;
  return `n AS (SELECT count(*) AS sent FROM (SELECT pg_notify('${CHANGES_CHANNEL}', ${notice}) FROM (SELECT r."id", (row_number() OVER ()) / ${IDS_PER_NOTICE} AS g FROM r) c GROUP BY c.g) z)`;
}
