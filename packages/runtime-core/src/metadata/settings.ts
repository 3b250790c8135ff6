/**
 * The runtime's settings, kept in the platform's configuration under `runtime.` and reloaded
 * with the models: the rate limit per caller and minute, overall and per project
 * (`runtime.rateLimit.perMinute`, `runtime.rateLimit.<project>.perMinute`), and whether writes
 * are recorded in the audit log (`runtime.audit`, `runtime.audit.<project>`; on by default).
 */
import type pg from 'pg';

export const RUNTIME_SETTINGS_PREFIX = 'runtime.';
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

/** The keys the runtime reads: a whole number of requests per minute. */
export const RATE_LIMIT_KEY = /^runtime\.rateLimit\.(?:[a-z][a-z0-9_]{1,39}\.)?perMinute$/;
/** The keys the runtime reads: whether data writes are audited. */
export const AUDIT_KEY = /^runtime\.audit(?:\.[a-z][a-z0-9_]{1,39})?$/;

export async function loadSettings(
  db: Pick<pg.Pool, 'query'>,
): Promise<ReadonlyMap<string, unknown>> {
  const { rows } = await db.query<{ key: string; value: unknown }>(
    `SELECT key, value FROM system_config WHERE key LIKE 'runtime.%'`,
  );
  return new Map(rows.map((r) => [r.key, r.value]));
}

/** Requests per caller and minute for `project`: its own setting, else the overall one. */
export function rateLimitPerMinute(
  settings: ReadonlyMap<string, unknown>,
  project: string,
): number {
  for (const key of [`runtime.rateLimit.${project}.perMinute`, 'runtime.rateLimit.perMinute']) {
    const value = settings.get(key);
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  }
  return DEFAULT_RATE_LIMIT_PER_MINUTE;
}

/** Whether writes in `project` are recorded in the audit log: its own setting, else the overall one. */
export function auditsWrites(settings: ReadonlyMap<string, unknown>, project: string): boolean {
  for (const key of [`runtime.audit.${project}`, 'runtime.audit']) {
    const value = settings.get(key);
    if (typeof value === 'boolean') return value;
  }
  return true;
}
