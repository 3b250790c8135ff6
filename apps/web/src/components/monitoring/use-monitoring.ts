'use client';
/**
 * Polls the console's health and the runtimes' fleet: their latest reports, read by the
 * console's server from the platform database, with the last few minutes of rates for the
 * charts. The browser never calls a runtime here: runtimes on a private network, and several
 * replicas behind one address, are charted all the same.
 */
import { useQuery } from '@tanstack/react-query';
import type { Fleet, MetricsPoint } from '@tessera/runtime-core/monitoring';

import { useTRPC } from '~/trpc/react';

export interface Health {
  status: 'healthy' | 'degraded' | 'unhealthy';
  uptime: number;
  version?: string;
}

export interface Monitoring {
  web: Health | string | null;
  fleet: Fleet | string | null;
  points: MetricsPoint[];
}

export const POLL_MS = 2000;
const NO_POINTS: MetricsPoint[] = [];

async function consoleHealth(): Promise<Health | string> {
  try {
    const res = await fetch('/api/health', { cache: 'no-store' });
    const body = (await res.json()) as Health & { msg?: string };
    // A health report answers 503 with its body when a dependency is down.
    if (!res.ok && typeof body.status !== 'string') return body.msg ?? `HTTP ${res.status}`;
    return body;
  } catch {
    return 'Unreachable';
  }
}

export function useMonitoring(): Monitoring {
  const trpc = useTRPC();
  const web = useQuery({
    queryKey: ['console-health'],
    queryFn: consoleHealth,
    refetchInterval: POLL_MS,
  });
  const fleet = useQuery({ ...trpc.monitoring.fleet.queryOptions(), refetchInterval: POLL_MS });
  return {
    web: web.data ?? null,
    fleet: fleet.error ? fleet.error.message : (fleet.data ?? null),
    points: fleet.data?.points ?? NO_POINTS,
  };
}
