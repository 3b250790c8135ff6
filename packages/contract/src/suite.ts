/**
 * The data API's contract, over HTTP only: routes, status codes and amis's envelope on the shop
 * model (CONTRACT_MODEL, published and empty). An implementation passes it by starting itself
 * and handing over its base URL and three callers' tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Answer, client, q } from './client';

export interface ContractTarget {
  base: string;
  /** May do everything. */
  admin: string;
  /** May read every entity, and nothing else. */
  reader: string;
  /** May do nothing with the data. */
  stranger: string;
  /** Sets the budget per caller and minute, for the 429 checks. */
  setRateLimit?: (perMinute: number) => Promise<void>;
  /** Makes the database unreachable until the returned function is called. */
  holdDatabase?: () => Promise<() => Promise<void>>;
  stop: () => Promise<void>;
}

export function defineContractSuite(label: string, start: () => Promise<ContractTarget>) {
  describe(`data API contract: ${label}`, () => {
    let target: ContractTarget;
    let call: ReturnType<typeof client>;
    const as = (token: string | null) => ({
      get: (path: string) => call('GET', path, { token }),
      post: (path: string, body?: unknown, headers?: Record<string, string>) =>
        call('POST', path, { token, body, headers }),
      put: (path: string, body?: unknown, headers?: Record<string, string>) =>
        call('PUT', path, { token, body, headers }),
      del: (path: string) => call('DELETE', path, { token }),
    });
    let admin: ReturnType<typeof as>;
    const ids: Record<string, string> = {};
    const created = (a: Answer) => {
      expect(a.status).toBe(200);
      return a.body.data.id as string;
    };

    beforeAll(async () => {
      target = await start();
      call = client(target.base);
      admin = as(target.admin);
      ids.ada = created(
        await admin.post('/api/v1/shop/customer', { name: 'Ada', email: 'ada@example.com' }),
      );
      ids.bob = created(await admin.post('/api/v1/shop/customer', { name: 'Bob' }));
      ids.red = created(await admin.post('/api/v1/shop/tag', { label: 'red' }));
      ids.order = created(
        await admin.post('/api/v1/shop/order', {
          total: 40,
          status: 'paid',
          customer: ids.ada,
          tags: [ids.red],
        }),
      );
      for (const total of [5, 15, 25])
        created(await admin.post('/api/v1/shop/order', { total, customer: ids.bob }));
    }, 60_000);
    afterAll(async () => {
      await target?.stop();
    });

    describe('reads', () => {
      it('lists in the envelope with items and total, and gets one row', async () => {
        const list = await admin.get('/api/v1/shop/order?perPage=2&orderBy=total&orderDir=desc');
        expect(list.status).toBe(200);
        expect(list.body.data.total).toBe(4);
        expect(list.body.data.items.map((o: { total: number }) => o.total)).toEqual([40, 25]);
        const one = await admin.get(`/api/v1/shop/order/${ids.order}`);
        expect(one.body.data).toMatchObject({
          id: ids.order,
          total: 40,
          status: 'paid',
          customer: ids.ada,
          tags: [ids.red],
        });
        expect(one.body.data).toHaveProperty('version');
        expect(one.body.data).toHaveProperty('created_at');
      });

      it('sorts, searches, filters, selects fields and expands relations', async () => {
        expect(
          (await admin.get('/api/v1/shop/order?sort=-total,status')).body.data.items[0].total,
        ).toBe(40);
        expect((await admin.get('/api/v1/shop/customer?keywords=ada@')).body.data.total).toBe(1);
        const filtered = await admin.get(
          `/api/v1/shop/order?filter=${q({ customer: { name: { _eq: 'Bob' } }, total: { _between: [10, 30] } })}`,
        );
        expect(filtered.body.data.total).toBe(2);
        const paths = await admin.get(`/api/v1/shop/order/${ids.order}?fields=total,customer.name`);
        expect(paths.body.data.customer).toMatchObject({ id: ids.ada, name: 'Ada' });
        expect(paths.body.data).not.toHaveProperty('status');
        const expanded = await admin.get(`/api/v1/shop/customer/${ids.ada}?expand=orders.tags`);
        expect(expanded.body.data.orders[0].tags[0]).toMatchObject({ id: ids.red, label: 'red' });
      });

      it('pages by cursor and counts as asked', async () => {
        const first = await admin.get('/api/v1/shop/order?perPage=3&after=&sort=total');
        expect(first.body.data).toMatchObject({ hasNext: true, total: 4 });
        const next = await admin.get(
          `/api/v1/shop/order?perPage=3&after=${first.body.data.nextCursor}&sort=total`,
        );
        expect(next.body.data.items.map((o: { total: number }) => o.total)).toEqual([40]);
        expect(next.body.data.hasNext).toBe(false);
        expect((await admin.get('/api/v1/shop/order?count=none')).body.data).not.toHaveProperty(
          'total',
        );
        expect(typeof (await admin.get('/api/v1/shop/order?count=estimated')).body.data.total).toBe(
          'number',
        );
      });

      it('answers 400 for a bad query, naming what is wrong', async () => {
        const cases: [string, string][] = [
          ['perPage=500', 'perPage'],
          ['filter={', 'filter'],
          [`filter=${q({ nope: { _eq: 1 } })}`, 'nope'],
          [`filter=${q({ total: { _like: 1 } })}`, '_like'],
          [`filter=${q({ total: { _gt: 'many' } })}`, 'total'],
          ['sort=nope', 'nope'],
          ['expand=nope', 'nope'],
        ];
        for (const [query, named] of cases) {
          const res = await admin.get(`/api/v1/shop/order?${query}`);
          expect(res.status, query).toBe(400);
          expect(res.body.msg, query).toContain(named);
        }
      });

      it('answers 404 for an unknown project, entity or id', async () => {
        expect((await admin.get('/api/v1/nowhere/order')).status).toBe(404);
        expect((await admin.get('/api/v1/shop/nothing')).status).toBe(404);
        expect(
          (await admin.get('/api/v1/shop/order/00000000-0000-4000-8000-000000000000')).status,
        ).toBe(404);
      });

      it('answers 401 without credentials and 403 without permission', async () => {
        expect((await as(null).get('/api/v1/shop/order')).status).toBe(401);
        expect((await as(target.stranger).get('/api/v1/shop/order')).status).toBe(403);
        expect((await as(target.reader).post('/api/v1/shop/order', { total: 1 })).status).toBe(403);
      });
    });

    describe('writes', () => {
      it('creates with relations by id, and replays an Idempotency-Key', async () => {
        const key = { 'idempotency-key': 'contract-create-1' };
        const first = await admin.post(
          '/api/v1/shop/order',
          { total: 7, customer: ids.bob, tags: [ids.red] },
          key,
        );
        expect(first.body.data).toMatchObject({
          total: 7,
          status: 'new',
          customer: ids.bob,
          tags: [ids.red],
          version: 1,
        });
        const again = await admin.post(
          '/api/v1/shop/order',
          { total: 7, customer: ids.bob, tags: [ids.red] },
          key,
        );
        expect(again.body.data.id).toBe(first.body.data.id);
      });

      it('answers 422 with errors by field', async () => {
        const missing = await admin.post('/api/v1/shop/customer', { email: 'x@example.com' });
        expect(missing.status).toBe(422);
        expect(missing.body.errors).toHaveProperty('name');
        const negative = await admin.post('/api/v1/shop/order', { total: -1 });
        expect(negative.status).toBe(422);
        expect(negative.body.errors).toHaveProperty('total');
        const badEnum = await admin.post('/api/v1/shop/order', { status: 'lost' });
        expect(badEnum.body.errors).toHaveProperty('status');
      });

      it('answers 409 for a unique violation, a stale version and a restricting reference', async () => {
        expect(
          (await admin.post('/api/v1/shop/customer', { name: 'Ada 2', email: 'ada@example.com' }))
            .status,
        ).toBe(409);
        const updated = await admin.put(`/api/v1/shop/customer/${ids.bob}`, {
          name: 'Robert',
          version: 1,
        });
        expect(updated.body.data.version).toBe(2);
        expect(Date.parse(updated.body.data.updated_at)).toBeGreaterThanOrEqual(
          Date.parse(updated.body.data.created_at),
        );
        expect(
          (await admin.put(`/api/v1/shop/customer/${ids.bob}`, { name: 'Late', version: 1 }))
            .status,
        ).toBe(409);
        expect(
          (
            await admin.put(
              `/api/v1/shop/customer/${ids.bob}`,
              { name: 'Late' },
              { 'if-match': '"1"' },
            )
          ).status,
        ).toBe(409);
        expect((await admin.del(`/api/v1/shop/customer/${ids.ada}`)).status).toBe(409);
      });

      it('deletes one row, then it is gone', async () => {
        const id = created(await admin.post('/api/v1/shop/tag', { label: 'gone' }));
        expect((await admin.del(`/api/v1/shop/tag/${id}`)).status).toBe(200);
        expect((await admin.get(`/api/v1/shop/tag/${id}`)).status).toBe(404);
      });

      it('deletes a selection, updates in bulk, and refuses empty selections', async () => {
        const a = created(await admin.post('/api/v1/shop/tag', { label: 'a' }));
        const b = created(await admin.post('/api/v1/shop/tag', { label: 'b' }));
        const bulk = await admin.post('/api/v1/shop/tag/bulk', {
          rows: [{ id: a, label: 'a2' }],
          rowsDiff: [{ id: a, label: 'a2' }],
        });
        expect(bulk.body.data.items[0].label).toBe('a2');
        const same = await admin.post('/api/v1/shop/tag/bulk', { ids: `${a},${b}`, label: 'same' });
        expect(same.body.data.count).toBe(2);
        expect((await admin.post('/api/v1/shop/tag/bulk', { ids: '', label: 'x' })).status).toBe(
          400,
        );
        expect((await admin.del('/api/v1/shop/tag?ids=')).status).toBe(400);
        const removed = await admin.del(`/api/v1/shop/tag?ids=${a},${b}`);
        expect(removed.body.data.count).toBe(2);
      });
    });

    describe('files and figures', () => {
      it('exports CSV under the same filter as the list', async () => {
        const res = await fetch(
          `${target.base}/api/v1/shop/order/export?format=csv&fields=total&sort=total&filter=${q({ total: { _lt: 20 } })}`,
          {
            headers: { authorization: `Bearer ${target.admin}` },
          },
        );
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toContain('text/csv');
        const lines = (await res.text()).trim().split(/\r?\n/);
        expect(lines.length).toBe(4);
        expect(lines[0]).toContain('total');
      });

      it('imports CSV all or nothing, with errors by line', async () => {
        const csv = { 'content-type': 'text/csv' };
        const bad = await admin.post(
          '/api/v1/shop/customer/import',
          'name,email\nCy,cy@example.com\n,nobody@example.com\n',
          csv,
        );
        expect(bad.status).toBe(422);
        expect(Object.keys(bad.body.errors)).toEqual(['line 3']);
        expect((await admin.get('/api/v1/shop/customer?keywords=cy@')).body.data.total).toBe(0);
        const good = await admin.post(
          '/api/v1/shop/customer/import',
          'name,email\nCy,cy@example.com\n',
          csv,
        );
        expect(good.body.data).toEqual({ created: 1 });
      });

      it('aggregates by group under a filter', async () => {
        const res = await admin.get(
          `/api/v1/shop/order/aggregate?groupBy=status&count=*&sum=total&filter=${q({ total: { _gte: 5 } })}`,
        );
        const byStatus = Object.fromEntries(
          res.body.data.items.map((g: { status: string }) => [g.status, g]),
        );
        expect(byStatus.paid).toMatchObject({ count: 1, sum: { total: 40 } });
      });
    });

    describe('around the data', () => {
      it('streams changes as server-sent events', async () => {
        const controller = new AbortController();
        const res = await fetch(`${target.base}/api/v1/shop/changes?entities=tag`, {
          headers: { authorization: `Bearer ${target.reader}` },
          signal: controller.signal,
        });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toContain('text/event-stream');
        const reader = res.body!.getReader();
        await reader.read();
        const id = created(await admin.post('/api/v1/shop/tag', { label: 'streamed' }));
        let text = '';
        while (!text.includes(id)) text += new TextDecoder().decode((await reader.read()).value);
        expect(text).toContain('event: create');
        controller.abort();
      });

      it('describes itself in OpenAPI 3.1, and reports health and metrics', async () => {
        const doc = await fetch(`${target.base}/api/v1/shop/openapi.json`, {
          headers: { authorization: `Bearer ${target.admin}` },
        });
        const body = (await doc.json()) as { openapi: string; paths: Record<string, unknown> };
        expect(body.openapi).toMatch(/^3\.1/);
        expect(body.paths).toHaveProperty('/api/v1/shop/order/{id}');
        const health = (await (await fetch(`${target.base}/health`)).json()) as Record<
          string,
          unknown
        >;
        expect(health).toMatchObject({
          status: 'healthy',
          metadataVersion: { shop: expect.any(Number) },
        });
        const metrics = await (await fetch(`${target.base}/metrics`)).text();
        expect(metrics).toContain('http_requests_total');
      });

      it('answers 429 with RateLimit headers when the budget is spent', async (ctx) => {
        if (!target.setRateLimit) return ctx.skip();
        await target.setRateLimit(3);
        const statuses: number[] = [];
        let last: Answer | undefined;
        for (let i = 0; i < 4; i++)
          statuses.push((last = await as(target.reader).get('/api/v1/shop/tag')).status);
        expect(statuses).toEqual([200, 200, 200, 429]);
        expect(last!.headers.get('retry-after')).toBeTruthy();
        expect(last!.headers.get('ratelimit-limit')).toBe('3');
        await target.setRateLimit(100_000);
      });

      it('answers 503 while the database cannot serve', async (ctx) => {
        if (!target.holdDatabase) return ctx.skip();
        const release = await target.holdDatabase();
        try {
          expect((await admin.get('/api/v1/shop/tag')).status).toBe(503);
        } finally {
          await release();
        }
        expect((await admin.get('/api/v1/shop/tag')).status).toBe(200);
      });
    });
  });
}
