/**
 * The runtime's settings, kept in the platform's configuration under `runtime.` and reloaded
 * with the models: for now the rate limit per caller and minute, overall and per project
 * (`runtime.rateLimit.perMinute`, `runtime.rateLimit.<project>.perMinute`).
 */
import type pg from 'pg';

export const RUNTIME_SETTINGS_PREFIX = 'runtime.';
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

/** The keys the runtime reads, with the values they accept. */
export const RUNTIME_SETTING_KEYS = /^runtime\.rateLimit\.(?:[a-z][a-z0-9_]{1,39}\.)?perMinute$/;

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
