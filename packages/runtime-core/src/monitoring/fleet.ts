/**
 * Every runtime reports on itself to the platform database every few seconds (the
 * `runtime_instances` table): its health, its traffic and pool over its latest windows, and its
 * slow requests. The console charts all runtimes together from those reports, however many
 * replicas run and whether or not the console could reach them itself. Each report repeats the
 * last few minutes, so a reader who looks less often than runtimes report (a background tab)
 * misses nothing, and a newly opened panel starts with history.
 */
import { z } from 'zod';

import { type MetricsPoint, type MetricsSummary, type MetricsWindow, pointOf } from './summary';

export const REPORT_EVERY_MS = 2_000;
/** Windows each report repeats: three minutes. */
export const REPORT_HISTORY = 90;
/** A runtime not heard from for this long is shown as not reporting. */
export const REPORT_STALE_MS = 3 * REPORT_EVERY_MS + 1_000;
/** A runtime not heard from for this long is forgotten. */
export const REPORT_FORGET_MS = 10 * 60_000;
/** A report write slower than this shows the runtime as degraded. */
export const REPORT_SLOW_MS = 500;
/** Slow requests each report carries, and the fleet shows. */
export const SLOW_KEPT = 20;

const count = z.number().int().nonnegative();
const MAX_BOUNDS = 32;

export const slowRequestSchema = z.object({
  requestId: z.string().max(128),
  method: z.string().max(16),
  url: z.string().max(2048),
  status: z.number().int(),
  durationMs: z.number().nonnegative(),
  at: z.iso.datetime(),
});
export type SlowRequest = z.infer<typeof slowRequestSchema>;

const reportWindowSchema = z.object({
  /** When the window ends. */
  at: z.iso.datetime(),
  seconds: z.number().positive(),
  requests: count,
  errors: count,
  /** The window's requests at or under each of the report's bounds, as Prometheus counts. */
  counts: z.array(count).max(MAX_BOUNDS),
  sum: z.number(),
  pool: z.object({ total: count, idle: count, waiting: count, max: count }),
});
export type ReportWindow = z.infer<typeof reportWindowSchema>;

export const runtimeReportSchema = z.object({
  uptimeSeconds: count,
  metadataVersion: z.record(z.string(), count),
  /** How long the previous report took to write; null for the first. */
  databaseMs: z.number().nonnegative().nullable(),
  /** The latency histogram's upper bounds, in seconds, shared by every window. */
  bounds: z.array(z.number().positive()).max(MAX_BOUNDS),
  /** The latest windows, oldest first. */
  windows: z.array(reportWindowSchema).max(REPORT_HISTORY),
  slow: z.array(slowRequestSchema).max(SLOW_KEPT),
});
export type RuntimeReport = z.infer<typeof runtimeReportSchema>;

export type InstanceStatus = 'healthy' | 'degraded' | 'not reporting';

export interface RuntimeInstance {
  id: string;
  host: string;
  startedAt: string;
  seenAt: string;
  status: InstanceStatus;
  uptimeSeconds: number | null;
  metadataVersion: Record<string, number>;
}

export interface Fleet {
  /** Healthy when every runtime reports and is healthy; unhealthy when none reports. */
  status: 'healthy' | 'degraded' | 'unhealthy';
  instances: RuntimeInstance[];
  /**
   * The reporting runtimes' rates together, oldest first, one point per reporting period that
   * every one of them has reported.
   */
  points: MetricsPoint[];
  /** The slowest recent requests of every runtime, newest first, with the runtime's host. */
  slow: (SlowRequest & { host: string })[];
}

export interface ReportRow {
  id: string;
  host: string;
  startedAt: Date;
  seenAt: Date;
  report: unknown;
}

/** A window as a report stores it: bucket counts without their bounds, and the pool. */
export function reportWindow(window: MetricsWindow, pool: MetricsSummary['pool']): ReportWindow {
  return {
    at: window.at,
    seconds: window.seconds,
    requests: window.requests,
    errors: window.errors,
    counts: window.latency.buckets.map((b) => b.count),
    sum: window.latency.sum,
    pool,
  };
}

function expand(bounds: readonly number[], w: ReportWindow) {
  const window: MetricsWindow = {
    at: w.at,
    seconds: w.seconds,
    requests: w.requests,
    errors: w.errors,
    latency: {
      buckets: w.counts.map((c, i) => ({ le: bounds[i] ?? Infinity, count: c })),
      count: w.requests,
      sum: w.sum,
    },
  };
  return { window, pool: w.pool };
}

/** The fleet as its stored reports describe it at `now`; an unreadable report counts as none. */
export function fleetOf(rows: readonly ReportRow[], now: Date): Fleet {
  const reporting: { host: string; report: RuntimeReport }[] = [];
  const instances = rows.map((row): RuntimeInstance => {
    const parsed = runtimeReportSchema.safeParse(row.report);
    const fresh = now.getTime() - row.seenAt.getTime() <= REPORT_STALE_MS;
    const report = parsed.success ? parsed.data : null;
    if (report && fresh) reporting.push({ host: row.host, report });
    return {
      id: row.id,
      host: row.host,
      startedAt: row.startedAt.toISOString(),
      seenAt: row.seenAt.toISOString(),
      status: !report || !fresh ? 'not reporting' : statusOf(report),
      uptimeSeconds: report?.uptimeSeconds ?? null,
      metadataVersion: report?.metadataVersion ?? {},
    };
  });
  instances.sort((a, b) => a.host.localeCompare(b.host) || a.startedAt.localeCompare(b.startedAt));
  const healthy = instances.filter((i) => i.status === 'healthy').length;
  return {
    status:
      reporting.length === 0 ? 'unhealthy' : healthy === instances.length ? 'healthy' : 'degraded',
    instances,
    points: seriesOf(
      reporting.map((r) => r.report),
      now,
    ),
    slow: reporting
      .flatMap((r) => r.report.slow.map((s) => ({ ...s, host: r.host })))
      .sort((a, b) => b.at.localeCompare(a.at))
      .slice(0, SLOW_KEPT),
  };
}

/**
 * One point per reporting period: the windows of every runtime that ended in it, added up.
 * Periods after the earliest of the runtimes' latest reports are left for the next read, so
 * the newest point does not dip while some runtimes have yet to report it.
 */
function seriesOf(reports: readonly RuntimeReport[], now: Date): MetricsPoint[] {
  const since = now.getTime() - REPORT_HISTORY * REPORT_EVERY_MS;
  const period = (at: string) => Math.floor(Date.parse(at) / REPORT_EVERY_MS);
  /** Per period, per runtime: its windows that ended in it, as one. */
  const periods = new Map<number, Map<number, ReportWindow>>();
  let complete = Infinity;
  reports.forEach((report, runtime) => {
    const latest = report.windows.at(-1);
    if (!latest) return;
    complete = Math.min(complete, period(latest.at));
    for (const w of report.windows) {
      if (Date.parse(w.at) < since) continue;
      const key = period(w.at);
      const runtimes = periods.get(key) ?? new Map<number, ReportWindow>();
      periods.set(key, runtimes);
      const earlier = runtimes.get(runtime);
      runtimes.set(runtime, earlier ? joined(earlier, w) : w);
    }
  });
  return [...periods]
    .filter(([key]) => key <= complete)
    .sort(([a], [b]) => a - b)
    .map(([, runtimes]) =>
      pointOf([...runtimes].map(([runtime, w]) => expand(reports[runtime]!.bounds, w))),
    );
}

/** Two consecutive windows of one runtime as one; the pool as the later one saw it. */
function joined(a: ReportWindow, b: ReportWindow): ReportWindow {
  return {
    at: b.at,
    seconds: a.seconds + b.seconds,
    requests: a.requests + b.requests,
    errors: a.errors + b.errors,
    counts: b.counts.map((c, i) => c + (a.counts[i] ?? 0)),
    sum: a.sum + b.sum,
    pool: b.pool,
  };
}

function statusOf(report: RuntimeReport): InstanceStatus {
  return report.databaseMs !== null && report.databaseMs > REPORT_SLOW_MS ? 'degraded' : 'healthy';
}
