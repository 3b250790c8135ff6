/**
 * `Idempotency-Key` on create: the answer is stored with the key in the same statement that
 * creates the row, so a retry (even a concurrent one) gets the first answer and no second row.
 * A retry's insert fails on a unique constraint, the key's own or the entity's (a field the
 * first row already holds); either way the stored answer is what it gets. The same key with
 * another body is refused. Keys are kept for a day.
 */
import { createHash } from 'node:crypto';

import { AppError, databaseErrorKind } from '@tessera/errors';
import type pg from 'pg';

import { badRequest, type HttpResult } from './result';

export const IDEMPOTENCY_TTL_HOURS = 24;
const KEY = /^[\x21-\x7e]{1,255}$/;

export interface IdempotencyClaim {
  key: string;
  scope: string;
  hash: string;
}

export function idempotencyClaim(
  key: string | null | undefined,
  scope: string,
  body: unknown,
): IdempotencyClaim | null {
  if (key === null || key === undefined) return null;
  if (!KEY.test(key)) throw badRequest('Idempotency-Key must be 1 to 255 visible ASCII characters');
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('base64url');
  return { key, scope, hash };
}

/**
 * Wraps the final SELECT of a create (`answer`, giving `json`) so the answer is also stored
 * under the claim; parameters appended to `params`.
 */
export function storeAnswer(
  answer: string,
  claim: IdempotencyClaim,
  userId: string,
  params: unknown[],
): string {
  params.push(userId, claim.key, claim.scope, claim.hash);
  const n = params.length;
  return `, a AS (${answer}), k AS (INSERT INTO idempotency_keys (user_id, key, scope, request_hash, response) SELECT $${n - 3}::uuid, $${n - 2}, $${n - 1}, $${n}, a.json FROM a) SELECT json FROM a`;
}

/**
 * What a create holding `claim` that failed with `error` answers instead, if anything: the
 * stored first answer when the failure is a unique violation and the key was used before.
 */
export async function replayAfter(
  error: unknown,
  db: Pick<pg.Pool, 'query'>,
  claim: IdempotencyClaim,
  userId: string,
): Promise<HttpResult | null> {
  if (databaseErrorKind(error) !== 'unique') return null;
  const stored = await replay(db, claim, userId);
  if (stored) return stored;
  // The key itself is taken, by a request not yet finished.
  if ((error as { constraint?: string }).constraint === 'idempotency_keys_pkey')
    throw new AppError('CONFLICT', 'This Idempotency-Key is being used by another request; retry');
  return null;
}

/** The first answer for a repeated key (null when none is stored), or the refusal when the key named another request. */
async function replay(
  db: Pick<pg.Pool, 'query'>,
  claim: IdempotencyClaim,
  userId: string,
): Promise<HttpResult | null> {
  const { rows } = await db.query<{ scope: string; request_hash: string; response: string }>(
    `SELECT scope, request_hash, response FROM idempotency_keys
      WHERE user_id = $1 AND key = $2 AND created_at > now() - make_interval(hours => $3)`,
    [userId, claim.key, IDEMPOTENCY_TTL_HOURS],
  );
  const stored = rows[0];
  if (!stored) return null;
  if (stored.scope !== claim.scope || stored.request_hash !== claim.hash)
    throw new AppError(
      'VALIDATION',
      'This Idempotency-Key was already used for a different request',
    );
  return {
    status: 200,
    body: `{"status":0,"msg":"","data":${stored.response}}`,
    headers: { 'idempotent-replayed': 'true' },
  };
}

/** Forgets keys older than a day; the runtime calls it now and then. */
export async function pruneIdempotencyKeys(db: Pick<pg.Pool, 'query'>): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`,
    [IDEMPOTENCY_TTL_HOURS],
  );
  return rowCount ?? 0;
}
