import { describe, expect, it } from 'vitest';

import { checkHealth, healthHttpStatus } from './health';

describe('checkHealth', () => {
  it('is healthy when the ping answers quickly', async () => {
    const report = await checkHealth({ ping: async () => 1 });
    expect(report).toMatchObject({
      status: 'healthy',
      services: { database: { status: 'healthy' } },
    });
    expect(typeof report.uptime).toBe('number');
    expect(new Date(report.timestamp).toString()).not.toBe('Invalid Date');
    expect(healthHttpStatus(report)).toBe(200);
  });

  it('is degraded when slow and unhealthy when failing or hanging', async () => {
    expect(
      (await checkHealth({ ping: () => new Promise((r) => setTimeout(r, 30)), slowMs: 5 })).status,
    ).toBe('degraded');
    const failed = await checkHealth({
      ping: async () => {
        throw new Error('connection refused');
      },
    });
    expect(failed.services.database).toMatchObject({
      status: 'unhealthy',
      error: 'connection refused',
    });
    expect(healthHttpStatus(failed)).toBe(503);
    expect(
      (await checkHealth({ ping: () => new Promise(() => undefined), timeoutMs: 20 })).status,
    ).toBe('unhealthy');
  });
});
