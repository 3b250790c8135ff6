/**
 * Mistakes in a request are the caller's, answered with a 4xx that says what is wrong, never a
 * 500: NUL characters anywhere (values, filters, keywords, CSV cells), malformed escapes in an
 * id, a computed field that divides by zero, a body nested deeper than any model needs.
 */
import { client } from '@tessera/contract';
import { describe, expect, it } from 'vitest';

import { useShopRuntime } from './test/shop-runtime';

const CALC = {
  project: 'calc',
  entities: [
    {
      code: 'ratio',
      fields: [
        { code: 'label', type: 'string', length: 40 },
        { code: 'notes', type: 'json' },
        { code: 'num', type: 'integer' },
        { code: 'den', type: 'integer' },
        { code: 'quotient', type: 'computed', expression: 'num / den', resultType: 'integer' },
      ],
    },
  ],
  relations: [],
};

const shop = useShopRuntime({ document: CALC });
const as = (method: string, path: string, body?: unknown) =>
  client(shop.base)(method, path, { token: shop.adminToken, body });
const q = (filter: unknown) => encodeURIComponent(JSON.stringify(filter));

describe('request mistakes', () => {
  it('refuses NUL characters in values with field errors', async () => {
    const text = await as('POST', '/api/v1/calc/ratio', { label: 'a\u0000b' });
    expect(text.status).toBe(422);
    expect(text.body.errors).toMatchObject({ label: expect.stringContaining('NUL') });
    const json = await as('POST', '/api/v1/calc/ratio', { notes: { x: 'a\u0000' } });
    expect(json.status).toBe(422);
    expect(json.body.errors).toHaveProperty('notes');
  });

  it('refuses NUL characters in filters and keywords', async () => {
    const statuses = [
      (await as('GET', `/api/v1/calc/ratio?filter=${q({ label: { _eq: 'a\u0000' } })}`)).status,
      (await as('GET', `/api/v1/calc/ratio?filter=${q({ label: { _contains: '\u0000' } })}`))
        .status,
      (await as('GET', `/api/v1/calc/ratio?filter[label][_icontains]=%00`)).status,
      (await as('GET', `/api/v1/calc/ratio?keywords=a%00b`)).status,
      (
        await as(
          'GET',
          `/api/v1/calc/ratio/aggregate?count=*&filter=${q({ label: { _eq: '\u0000' } })}`,
        )
      ).status,
    ];
    expect(statuses).toEqual([400, 400, 400, 400, 400]);
  });

  it('refuses a CSV cell with a NUL character by its line', async () => {
    const res = await fetch(`${shop.base}/api/v1/calc/ratio/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${shop.adminToken}`, 'content-type': 'text/csv' },
      body: 'label\nfine\nbad\u0000cell\n',
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: Record<string, string> };
    expect(body.errors['line 3']).toContain('NUL');
  });

  it('answers an id with a malformed escape as a row that does not exist', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await as(
        method,
        '/api/v1/calc/ratio/%zz',
        method === 'PUT' ? { num: 1 } : undefined,
      );
      expect(res.status, method).toBe(404);
    }
  });

  it('answers a computed field that divides by zero as a value that cannot be stored', async () => {
    const res = await as('POST', '/api/v1/calc/ratio', { num: 1, den: 0 });
    expect(res.status).toBe(422);
    expect(res.body.msg).toContain('division by zero');
    const fine = await as('POST', '/api/v1/calc/ratio', { num: 6, den: 3 });
    expect(fine.body.data.quotient).toBe(2);
    const update = await as('PUT', `/api/v1/calc/ratio/${fine.body.data.id}`, { den: 0 });
    expect(update.status).toBe(422);
  });

  it('refuses a body nested deeper than 32 levels before reading it', async () => {
    for (const depth of [40, 100_000]) {
      const res = await fetch(`${shop.base}/api/v1/calc/ratio`, {
        method: 'POST',
        headers: { authorization: `Bearer ${shop.adminToken}`, 'content-type': 'application/json' },
        body: `{"notes":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      });
      expect(res.status, `depth ${depth}`).toBe(400);
      expect(((await res.json()) as { msg: string }).msg).toContain('deeper than 32');
    }
  });

  it('answers a body past the limit with 413 before reading it', async () => {
    const res = await fetch(`${shop.base}/api/v1/calc/ratio`, {
      method: 'POST',
      headers: { authorization: `Bearer ${shop.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ label: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
  });
});
