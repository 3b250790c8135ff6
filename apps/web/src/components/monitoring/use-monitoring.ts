'use client';
/**
 * Polls the console's and the runtime's health, the runtime's metrics summary and its slow
 * requests, keeping the last few minutes of rates for the charts. The runtime is called from
 * the browser with the session cookie (its allowed origins include the console).
 */
import {
  type MetricsPoint,
  type MetricsSummary,
  pointBetween,
} from '@tessera/runtime-core/monitoring';
import { useEffect, useRef, useState } from 'react';

export interface Health {
  status: 'healthy' | 'degraded' | 'unhealthy';
  uptime: number;
  version?: string;
  metadataVersion?: Record<string, number> | null;
}

export interface SlowRequest {
  requestId: string;
  method: string;
  url: string;
  status: number;
  durationMs: number;
  at: string;
}

export interface Monitoring {
  web: Health | string | null;
  runtime: Health | string | null;
  points: MetricsPoint[];
  slow: SlowRequest[] | string | null;
}

export const POLL_MS = 2000;
const KEEP_POINTS = 90;

async function json<T>(url: string, init?: RequestInit): Promise<T | string> {
  try {
    const res = await fetch(url, { cache: 'no-store', ...init });
    const body = (await res.json()) as T & { msg?: string };
    // A health report answers 503 with its body when a dependency is down.
    if (!res.ok && !('status' in body && typeof body.status === 'string'))
      return body.msg ?? `HTTP ${res.status}`;
    return body;
  } catch {
    return 'Unreachable';
  }
}

export function useMonitoring(runtimeUrl: string | null): Monitoring {
  const [state, setState] = useState<Monitoring>({
    web: null,
    runtime: null,
    points: [],
    slow: null,
  });
  const previous = useRef<MetricsSummary | null>(null);

  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      const runtime = runtimeUrl ?? '';
      const [web, health, summary, slow] = await Promise.all([
        json<Health>('/api/health'),
        runtimeUrl ? json<Health>(`${runtime}/health`) : Promise.resolve('Not configured'),
        runtimeUrl
          ? json<MetricsSummary>(`${runtime}/metrics`, { headers: { accept: 'application/json' } })
          : Promise.resolve('Not configured'),
        runtimeUrl
          ? json<{ data: { items: SlowRequest[] } }>(`${runtime}/slow-requests`, {
              credentials: 'include',
            })
          : Promise.resolve('Not configured'),
      ]);
      if (stopped) return;
      let point: MetricsPoint | null = null;
      if (typeof summary !== 'string') {
        if (previous.current) point = pointBetween(previous.current, summary);
        previous.current = summary;
      }
      setState((s) => ({
        web,
        runtime: health,
        points: point ? [...s.points, point].slice(-KEEP_POINTS) : s.points,
        slow: typeof slow === 'string' ? slow : slow.data.items,
      }));
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [runtimeUrl]);

  return state;
}
