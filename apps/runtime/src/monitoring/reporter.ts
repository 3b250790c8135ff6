/**
 * Reports this runtime to the platform database every few seconds (`runtime_instances`): its
 * uptime and model versions, its traffic and pool over its latest windows (one per report,
 * the last few minutes of them repeated each time), its slow requests, and how long the
 * previous report took to write. The console's monitoring panel
 * charts every runtime from these rows, so it needs no way to reach the runtimes themselves.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import {
  type MetricsSummary,
  REPORT_EVERY_MS,
  REPORT_FORGET_MS,
  REPORT_HISTORY,
  type ReportWindow,
  reportWindow,
  type RuntimeReport,
  SLOW_KEPT,
  windowBetween,
} from '@tessera/runtime-core/monitoring';
import type { Logger } from 'pino';

import { type RuntimeMetrics, summarize } from '../http/metrics';
import type { SlowRequests } from '../http/slow-requests';

const UPSERT = `INSERT INTO runtime_instances (id, host, started_at, seen_at, report)
  VALUES ($1, $2, $3, CURRENT_TIMESTAMP, $4::jsonb)
  ON CONFLICT (id) DO UPDATE SET seen_at = CURRENT_TIMESTAMP, report = EXCLUDED.report`;
const FORGET = `DELETE FROM runtime_instances WHERE seen_at < CURRENT_TIMESTAMP - make_interval(secs => $1)`;
const FORGET_EVERY_MS = 60_000;

export class Reporter {
  readonly id = randomUUID();
  readonly #startedAt = new Date();
  #previous: MetricsSummary | null = null;
  #windows: ReportWindow[] = [];
  #databaseMs: number | null = null;
  #forgotAt = 0;
  #inFlight: Promise<void> | null = null;
  #stopped = false;
  #failing = false;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: {
      /** Where reports go: the platform database. */
      pool: { query: (text: string, values: unknown[]) => Promise<unknown> };
      metrics: RuntimeMetrics;
      slow: SlowRequests;
      logger: Pick<Logger, 'warn' | 'info'>;
      host?: string;
      everyMs?: number;
    },
  ) {}

  start() {
    void this.report();
    this.#timer = setInterval(() => void this.report(), this.deps.everyMs ?? REPORT_EVERY_MS);
    this.#timer.unref();
  }

  /** Writes one report; while one is being written, another is not started. */
  report(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    this.#inFlight ??= this.#write().finally(() => (this.#inFlight = null));
    return this.#inFlight;
  }

  async #write(): Promise<void> {
    try {
      const summary = await summarize(this.deps.metrics.registry);
      // A window is kept even when its report fails to be written: the next one carries it.
      this.#windows = [
        ...this.#windows,
        reportWindow(windowBetween(this.#previous, summary), summary.pool),
      ].slice(-REPORT_HISTORY);
      this.#previous = summary;
      const report: RuntimeReport = {
        uptimeSeconds: summary.uptimeSeconds,
        metadataVersion: summary.metadataVersion,
        databaseMs: this.#databaseMs,
        bounds: summary.latency.buckets.map((b) => b.le),
        windows: this.#windows,
        slow: this.deps.slow
          .list()
          .slice(0, SLOW_KEPT)
          .map((s) => ({ ...s, url: s.url.slice(0, 2048) })),
      };
      const started = performance.now();
      await this.deps.pool.query(UPSERT, [
        this.id,
        this.deps.host ?? hostname(),
        this.#startedAt,
        JSON.stringify(report),
      ]);
      this.#databaseMs = Math.round(performance.now() - started);
      if (this.#failing) this.deps.logger.info({}, 'Monitoring reports written again');
      this.#failing = false;
      if (Date.now() - this.#forgotAt >= FORGET_EVERY_MS) {
        this.#forgotAt = Date.now();
        await this.deps.pool.query(FORGET, [REPORT_FORGET_MS / 1000]);
      }
    } catch (error) {
      // Once per outage, not every few seconds while the database is away.
      if (!this.#failing)
        this.deps.logger.warn(
          { message: error instanceof Error ? error.message : String(error) },
          'Monitoring report not written; retrying quietly',
        );
      this.#failing = true;
    }
  }

  /** Stops reporting and removes this runtime's row: it stopped, it is not missing. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    await this.#inFlight;
    await this.deps.pool
      .query('DELETE FROM runtime_instances WHERE id = $1', [this.id])
      .catch(() => undefined);
  }
}
