/** The health document shared by the web app and the runtime. */
import type { Db } from '@tessera/db';

export type ServiceStatus = 'healthy' | 'degraded' | 'unhealthy';

export interface HealthReport {
  status: ServiceStatus;
  timestamp: string;
  uptime: number;
  services: { database: { status: ServiceStatus; responseTime: number; error?: string } };
  [extra: string]: unknown;
}

/** Pings the database with a timeout; slow answers are `degraded`. */
export async function checkHealth(db: Pick<Db, '$queryRaw'>, options: { timeoutMs?: number; slowMs?: number } = {}): Promise<HealthReport> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const slowMs = options.slowMs ?? 500;
  const started = performance.now();
  let database: HealthReport['services']['database'];
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
    const responseTime = Math.round(performance.now() - started);
    database = { status: responseTime > slowMs ? 'degraded' : 'healthy', responseTime };
  } catch (error) {
    database = { status: 'unhealthy', responseTime: Math.round(performance.now() - started), error: error instanceof Error ? error.message : 'unreachable' };
  }
  return { status: database.status, timestamp: new Date().toISOString(), uptime: Math.round(process.uptime()), services: { database } };
}

export function healthHttpStatus(report: HealthReport): number {
  return report.status === 'unhealthy' ? 503 : 200;
}
