/**
 * Runs a plan in one transaction. The plan is made again inside the transaction, so the counts
 * it was confirmed on are the counts it runs on; a lock that cannot be had within
 * `lockTimeoutMs` fails the publish cleanly instead of waiting behind a busy table. The caller
 * records the new version in the same transaction (`record`), so either everything changes or
 * nothing does.
 */
import type { DdlStatement } from '../ddl/create';
import type { ModelDocument } from '../document';
import { CAN_CAST_FUNCTION } from './cast';
import { planChanges } from './planner';
import type { Plan, PlanStep, Queryable } from './types';

export class PublishRefusedError extends Error {
  override readonly name = 'PublishRefusedError';
  constructor(
    message: string,
    readonly steps: PlanStep[],
  ) {
    super(message);
  }
}

export interface PublishOptions {
  /** One connection, used only by this publish. */
  db: Queryable;
  published: ModelDocument | null;
  draft: ModelDocument;
  /** Ids of the needs-confirmation steps and of blocked steps whose conversion is accepted. */
  confirm: readonly string[];
  lockTimeoutMs?: number;
  /** Serialises publishes of one project across processes (a transaction advisory lock). */
  lockKey?: string;
  now?: Date;
  onProgress?: (progress: { index: number; total: number; step: PlanStep }) => void;
  /** Writes the version record (and the change notification) inside the transaction. */
  record?: (db: Queryable, plan: Plan) => Promise<void>;
}

/** The statements a plan runs, or why it may not run. */
export function executableSql(
  plan: Plan,
  confirm: readonly string[],
): { sql: { step: PlanStep; statements: string[] }[]; refused: PlanStep[] } {
  const confirmed = new Set(confirm);
  const refused: PlanStep[] = [];
  const sql = plan.steps.map((step) => {
    if (step.risk === 'safe') return { step, statements: step.sql };
    if (step.risk === 'needs-confirmation') {
      if (!confirmed.has(step.id)) refused.push(step);
      return { step, statements: step.sql };
    }
    if (step.conversion && confirmed.has(step.id)) return { step, statements: step.conversion.sql };
    refused.push(step);
    return { step, statements: [] };
  });
  return { sql, refused };
}

/**
 * What a published plan ran, step by step: a publish succeeds only when every risky step was
 * confirmed, so each needs-confirmation step ran its SQL and each blocked one its conversion.
 * The temporary cast function a conversion may call comes first when one does. For migrations
 * that take another database of the same model the same way.
 */
export function publishedStatements(plan: Plan): DdlStatement[] {
  const { sql } = executableSql(
    plan,
    plan.steps.map((s) => s.id),
  );
  const statements = sql.flatMap(({ step, statements: run }) =>
    run.map((statement) => ({ summary: step.summary, sql: statement })),
  );
  if (statements.some((s) => s.sql.includes('pg_temp.tessera_can_cast')))
    statements.unshift({
      summary: 'A conversion check for this session',
      sql: CAN_CAST_FUNCTION,
    });
  return statements;
}

export async function publish(options: PublishOptions): Promise<Plan> {
  const { db, lockTimeoutMs = 5_000 } = options;
  await db.query('BEGIN');
  try {
    if (options.lockKey)
      await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [options.lockKey]);
    await db.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.floor(lockTimeoutMs))}`);
    const plan = await planChanges({
      db,
      published: options.published,
      draft: options.draft,
      now: options.now,
    });
    const { sql, refused } = executableSql(plan, options.confirm);
    if (refused.length > 0) {
      throw new PublishRefusedError(
        `${refused.length} step(s) need attention: ${refused.map((s) => `${s.summary} (${s.risk}${s.reason ? `: ${s.reason}` : ''})`).join('; ')}`,
        refused,
      );
    }
    for (const [index, { step, statements }] of sql.entries()) {
      options.onProgress?.({ index, total: sql.length, step });
      for (const statement of statements) await db.query(statement);
    }
    await options.record?.(db, plan);
    await db.query('COMMIT');
    return plan;
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
