/**
 * Every data write records what it changed in the platform's audit log, from inside its own
 * statement (a rolled-back write records nothing): who, when, `data.<op>` on `project.entity`,
 * the row's id, its values before and after, and the request id that links it to the request's
 * other entries. A data-modifying CTE runs once whether or not the final SELECT reads it.
 */
import { sqlLiteral } from '@tessera/meta';

import type { ChangeOp } from './notify';

export interface AuditSource {
  /** The written rows, with all the entity's columns. */
  after: string | null;
  /** The rows as they were, with the same columns and `id`. */
  before: string | null;
}

/**
 * A CTE named `audited`. `actor` and `requestId` are parameter references (`$3`); rows come from
 * `after` (create, update) or `before` (delete), joined by id when both are given.
 */
export function auditCte(
  project: string,
  entity: string,
  op: ChangeOp,
  source: AuditSource,
  params: { actor: string; requestId: string },
): string {
  const from = source.after ?? source.before!;
  const join =
    source.after && source.before ? ` LEFT JOIN ${source.before} AS b ON b."id" = w."id"` : '';
  const before = source.after ? (source.before ? 'to_jsonb(b)' : 'NULL') : 'to_jsonb(w)';
  const after = source.after ? 'to_jsonb(w)' : 'NULL';
  return `audited AS (INSERT INTO audit_log (actor_id, actor_email, action, resource, resource_id, before, after, request_id)
    SELECT ${params.actor}::uuid, (SELECT u."email" FROM users u WHERE u."id" = ${params.actor}::uuid), ${sqlLiteral(`data.${op}`)}, ${sqlLiteral(`${project}.${entity}`)}, w."id"::text, ${before}, ${after}, ${params.requestId}::text
      FROM ${from} AS w${join})`;
}
