/**
 * Switching an entity between the runtime and its ejected service under a read and write
 * load: every request is answered (none fails while the runtime reloads and starts or stops
 * forwarding), and every row written is there afterwards, whichever side wrote it. And the
 * service says `degraded` while the database's schema is not the one it was generated for, and
 * the typed client works against the service itself as against the runtime.
 */
import { createClient } from '@tessera/client';
import type { Model } from '@tessera/client/fixtures/shop.types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Coexistence, startCoexistence } from './test/coexistence';

let both: Coexistence;
beforeAll(async () => {
  both = await startCoexistence();
}, 180_000);
afterAll(() => both?.stop());

describe('an ejected service beside the runtime', () => {
  it('switching an entity between them under load fails no request and loses no write', async () => {
    const { shop } = both;
    const headers = {
      authorization: `Bearer ${shop.adminToken}`,
      'content-type': 'application/json',
    };
    const failures: string[] = [];
    const written: string[] = [];
    let running = true;
    const worker = async (n: number) => {
      for (let i = 0; running; i++) {
        const created = await fetch(`${shop.base}/api/v1/shop/customer`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ name: `load ${n}-${i}` }),
        });
        const body = (await created.json()) as { data?: { id: string } };
        if (created.status !== 200 || !body.data) failures.push(`create ${created.status}`);
        else written.push(body.data.id);
        const list = await fetch(`${shop.base}/api/v1/shop/customer?perPage=5&sort=-created_at`, {
          headers,
        });
        await list.body?.cancel();
        if (list.status !== 200) failures.push(`list ${list.status}`);
      }
    };
    const load = [1, 2, 3].map(worker);
    const sides: string[] = [];
    for (const mode of ['ejected', 'interpreted', 'ejected', 'interpreted'] as const) {
      await both.setMode('customer', mode);
      sides.push(await both.servedBy('customer'));
      // Let the load run on this side for a few of its own requests before switching again.
      const before = written.length;
      while (written.length < before + 6 && failures.length === 0)
        await new Promise((r) => setImmediate(r));
    }
    running = false;
    await Promise.all(load);
    expect(sides).toEqual(['service', 'runtime', 'service', 'runtime']);
    expect(failures).toEqual([]);
    expect(written.length).toBeGreaterThan(20);
    const { rows } = await shop.pool.query<{ id: string }>(
      `SELECT id::text AS id FROM shop.customer WHERE id = ANY ($1::uuid[])`,
      [written],
    );
    expect(rows.length).toBe(written.length);
  }, 120_000);

  it('finds the service degraded while the schema differs from its own, and healthy after', async () => {
    const { shop, ejected } = both;
    /** The service's /health, polled until `status` (no fixed wait). */
    const until = async (status: string) => {
      for (let i = 0; i < 400; i++) {
        const health = (await (await fetch(`${ejected.base}/health`)).json()) as {
          status: string;
          schema?: { differences: string[] };
        };
        if (health.status === status) return health;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`the service never became ${status}`);
    };
    await until('healthy');
    // As a publish the service was not regenerated for would: a column it does not know.
    await shop.pool.query('ALTER TABLE shop.tag ADD COLUMN extra text');
    const degraded = await until('degraded');
    expect(degraded.schema?.differences).toContain(
      "column tag.extra is not in this service's schema",
    );
    await shop.pool.query('ALTER TABLE shop.tag DROP COLUMN extra');
    await until('healthy');
  }, 60_000);

  it('is one contract for the typed client: the service itself, or the runtime in front of it', async () => {
    const { shop, ejected } = both;
    for (const baseUrl of [ejected.base, shop.base]) {
      const client = createClient<Model>({ baseUrl, project: 'shop', token: shop.adminToken });
      const ada = await client.from('customer').create({ name: `Ada at ${baseUrl}` });
      const order = await client.from('order').create({ total: 5, customer: ada.id });
      const read = await client.from('order').get(order.id, { expand: { customer: true } });
      expect(read.customer?.name).toBe(`Ada at ${baseUrl}`);
      const refused = await client
        .from('customer')
        .create({ name: '', email: 'nope' })
        .catch((e: unknown) => e);
      expect(client.from('customer').isError(refused) && refused.fieldErrors.email).toBeTruthy();
    }
  });
});
