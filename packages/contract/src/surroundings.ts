/** Around the data: change stream, documents, health, limits and outages. */
import { describe, expect } from 'vitest';

import { type Answer } from './client';
import type { ContractSession } from './session';

/**
 * A change stream as it arrives: opened once its first bytes are in (which are kept: events may
 * be among them), then read on until a text shows, failing if the stream ends first.
 */
async function openStream(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const more = async () => {
    const { done, value } = await reader.read();
    if (done) throw new Error(`The stream ended; it held: ${text.slice(0, 300)}`);
    text += decoder.decode(value, { stream: true });
  };
  await more();
  return {
    until: async (wanted: string) => {
      while (!text.includes(wanted)) await more();
      return text;
    },
  };
}

export function surroundingsContract(s: ContractSession) {
  const { it } = s;
  describe('around the data', () => {
    it('streams changes as server-sent events', async () => {
      const controller = new AbortController();
      const res = await fetch(`${s.target.base}/api/v1/shop/changes?entities=tag`, {
        headers: { authorization: `Bearer ${s.target.reader}` },
        signal: controller.signal,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const stream = await openStream(res);
      const id = s.created(await s.admin.post('/api/v1/shop/tag', { label: 'streamed' }));
      expect(await stream.until(id)).toContain('event: create');
      controller.abort();
    });

    it('resumes a change stream from its last event id with what was missed', async () => {
      /** Reads a stream until `until` shows in it; returns the text and the last event id. */
      const read = async (lastEventId: string | null, until: () => Promise<string>) => {
        const controller = new AbortController();
        const res = await fetch(`${s.target.base}/api/v1/shop/changes?entities=tag`, {
          headers: {
            authorization: `Bearer ${s.target.reader}`,
            ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
          },
          signal: controller.signal,
        });
        const stream = await openStream(res);
        const text = await stream.until(await until());
        controller.abort();
        const ids = [...text.matchAll(/^id: (.+)$/gm)].map((m) => m[1]!);
        return { text, last: ids.at(-1) ?? null };
      };
      const first = await read(null, async () =>
        s.created(await s.admin.post('/api/v1/shop/tag', { label: 'before the break' })),
      );
      expect(first.last).not.toBeNull();
      const missed = s.created(await s.admin.post('/api/v1/shop/tag', { label: 'during it' }));
      const resumed = await read(first.last, () => Promise.resolve(missed));
      expect(resumed.text).toContain('event: create');
    });

    it('describes itself in OpenAPI 3.1, and reports health and metrics', async () => {
      const doc = await fetch(`${s.target.base}/api/v1/shop/openapi.json`, {
        headers: { authorization: `Bearer ${s.target.admin}` },
      });
      const body = (await doc.json()) as { openapi: string; paths: Record<string, unknown> };
      expect(body.openapi).toMatch(/^3\.1/);
      expect(body.paths).toHaveProperty('/api/v1/shop/order/{id}');
      const health = (await (await fetch(`${s.target.base}/health`)).json()) as Record<
        string,
        unknown
      >;
      expect(health).toMatchObject({
        status: 'healthy',
        metadataVersion: { shop: expect.any(Number) },
      });
      const metrics = await (await fetch(`${s.target.base}/metrics`)).text();
      expect(metrics).toContain('http_requests_total');
    });

    it('answers 429 with RateLimit headers when the budget is spent', async (ctx) => {
      if (!s.target.setRateLimit) return ctx.skip();
      await s.target.setRateLimit(3);
      const statuses: number[] = [];
      let last: Answer | undefined;
      for (let i = 0; i < 4; i++)
        statuses.push((last = await s.as(s.target.reader).get('/api/v1/shop/tag')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(last!.headers.get('retry-after')).toBeTruthy();
      expect(last!.headers.get('ratelimit-limit')).toBe('3');
      await s.target.setRateLimit(100_000);
    });

    it('answers 503 while the database cannot serve', async (ctx) => {
      if (!s.target.holdDatabase) return ctx.skip();
      const release = await s.target.holdDatabase();
      try {
        expect((await s.admin.get('/api/v1/shop/tag')).status).toBe(503);
      } finally {
        await release();
      }
      expect((await s.admin.get('/api/v1/shop/tag')).status).toBe(200);
    });
  });
}
