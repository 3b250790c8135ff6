/**
 * A field's validation pattern runs in linear time on the runtime's one thread: a pattern that
 * makes a backtracking engine run for ever (`^(a+)+$` against 40 a's and a mismatch would take
 * days) is answered at once, and so is everyone after it.
 */
import { client } from '@tessera/contract';
import { describe, expect, it } from 'vitest';

import { useShopRuntime } from './test/shop-runtime';

const shop = useShopRuntime({
  document: {
    project: 'codes',
    entities: [
      {
        code: 'code',
        fields: [
          { code: 'value', type: 'string', length: 200, validation: { pattern: '^(a+)+$' } },
        ],
      },
    ],
    relations: [],
  },
});

describe('validation patterns', () => {
  it('answer a value built to backtrack at once, and the next caller too', async () => {
    const call = client(shop.base);
    const token = shop.adminToken;
    const [refused, health] = await Promise.all([
      call('POST', '/api/v1/codes/code', { token, body: { value: `${'a'.repeat(40)}!` } }),
      fetch(`${shop.base}/health`),
    ]);
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual({ value: 'Does not match the required format' });
    expect(health.status).toBe(200);
    const accepted = await call('POST', '/api/v1/codes/code', {
      token,
      body: { value: 'a'.repeat(40) },
    });
    expect(accepted.status).toBe(200);
  });

  it('still serves a model published with a pattern RE2 cannot run, refusing that field’s values', async () => {
    // As published before patterns had to run in linear time.
    const reloaded = new Promise((r) => shop.cache.once('reload', r));
    await shop.pool.query(
      `UPDATE meta_versions SET document = jsonb_set(document, '{entities,0,fields,0,validation,pattern}', '"^(?=.*\\\\d).+$"')`,
    );
    await shop.pool.query(`SELECT pg_notify('tessera_metadata', '{}')`);
    await reloaded;
    const call = client(shop.base);
    const token = shop.adminToken;
    expect((await call('GET', '/api/v1/codes/code', { token })).status).toBe(200);
    const refused = await call('POST', '/api/v1/codes/code', { token, body: { value: 'a1' } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual({ value: 'Does not match the required format' });
  });
});
