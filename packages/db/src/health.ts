/** The health document shared by the web app and the runtime. */
export type ServiceStatus = 'healthy' | 'degraded' | 'unhealthy';

export interface HealthReport {
  status: ServiceStatus;
  timestamp: string;
  uptime: number;
  services: { database: { status: ServiceStatus; responseTime: number; error?: string } };
}

export interface CheckHealthOptions {
  /** Runs a trivial query, e.g. `SELECT 1`. */
  ping: () => Promise<unknown>;
  timeoutMs?: number;
  /** A slower answer than this is `degraded`. */
  slowMs?: number;
}

export async function checkHealth({
  ping,
  timeoutMs = 2_000,
  slowMs = 500,
}: CheckHealthOptions): Promise<HealthReport> {
  const started = performance.now();
  let database: HealthReport['services']['database'];
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    const responseTime = Math.round(performance.now() - started);
    database = { status: responseTime > slowMs ? 'degraded' : 'healthy', responseTime };
  } catch (error) {
    database = {
      status: 'unhealthy',
      responseTime: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : 'unreachable',
    };
  } finally {
    clearTimeout(timer);
  }
  return {
    status: database.status,
    timestamp: new Date().toISOString(),
    uptime: Math.round(process.uptime()),
    services: { database },
  };
}

export function healthHttpStatus(report: HealthReport): number {
  return report.status === 'unhealthy' ? 503 : 200;
}
