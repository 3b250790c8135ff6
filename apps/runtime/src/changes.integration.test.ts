/** The change stream: every write, as each subscriber may read it, and nothing rolled back. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openStream } from './test/sse';
import { type ShopRuntime, startShopRuntime } from './test/shop-runtime';

let shop: ShopRuntime;

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${shop.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${shop.adminToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

beforeAll(async () => {
  shop = await startShopRuntime();
}, 60_000);
afterAll(async () => {
  await shop?.stop();
});

describe('GET /api/v1/{project}/changes', () => {
  it('streams creates, updates and deletes with the rows as the subscriber reads them', async () => {
    const stream = await openStream(`${shop.base}/api/v1/shop/changes`, shop.viewerToken);
    expect(stream.status).toBe(200);
    const created = await call('POST', '/api/v1/shop/customer', { name: 'Streamed' });
    const id = created.body.data.id as string;
    // A refused write is rolled back and announces nothing.
    expect((await call('POST', '/api/v1/shop/customer', { name: 'x'.repeat(101) })).status).toBe(
      422,
    );
    await call('PUT', `/api/v1/shop/customer/${id}`, { email: 's@example.com' });
    await call('DELETE', `/api/v1/shop/customer/${id}`);
    const events = await stream.next(3);
    expect(events.map((e) => e.event)).toEqual(['create', 'update', 'delete']);
    expect(events[0]!.data).toMatchObject({
      entity: 'customer',
      ids: [id],
      rows: [{ id, name: 'Streamed' }],
    });
    expect(events[1]!.data.rows[0]).toMatchObject({ email: 's@example.com', version: 2 });
    expect(events[2]!.data).toEqual({ entity: 'customer', op: 'delete', ids: [id] });
    stream.close();
  });

  it('narrows to the entities asked for, and shows nothing to a caller who may not read', async () => {
    const tags = await openStream(
      `${shop.base}/api/v1/shop/changes?entities=tag`,
      shop.viewerToken,
    );
    const outsider = await openStream(`${shop.base}/api/v1/shop/changes`, shop.outsiderToken);
    await call('POST', '/api/v1/shop/customer', { name: 'Not a tag' });
    await call('POST', '/api/v1/shop/tag', { label: 'streamed' });
    const [event] = await tags.next(1);
    expect(event!.data).toMatchObject({ entity: 'tag', op: 'create' });
    await new Promise((r) => setTimeout(r, 300));
    expect(tags.events).toHaveLength(1);
    expect(outsider.events).toHaveLength(0);
    tags.close();
    outsider.close();
  });

  it('refuses anonymous callers and unknown projects', async () => {
    expect((await fetch(`${shop.base}/api/v1/shop/changes`)).status).toBe(401);
    const res = await fetch(`${shop.base}/api/v1/nowhere/changes`, {
      headers: { authorization: `Bearer ${shop.viewerToken}` },
    });
    expect(res.status).toBe(404);
  });
});
