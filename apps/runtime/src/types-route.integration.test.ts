/** GET /api/v1/{project}/types.ts: the model as TypeScript, shaped by the caller's permissions. */
import { describe, expect, it } from 'vitest';

import { useShopRuntime } from './test/shop-runtime';

const shop = useShopRuntime();

const getTypes = (token?: string, project = 'shop') =>
  fetch(`${shop.base}/api/v1/${project}/types.ts`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

describe('GET /api/v1/{project}/types.ts', () => {
  it('writes every entity for an administrator: rows, inputs, filters, zod schemas, the model map', async () => {
    const res = await getTypes(shop.adminToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const text = await res.text();
    for (const part of [
      "import { z } from 'zod';",
      'export interface Customer {',
      'export interface CustomerCreate {',
      'export interface OrderFilter extends Logical<OrderFilter> {',
      'export const OrderSchema = z.object({',
      'export interface Model {',
      "export const PROJECT = 'shop';",
    ])
      expect(text).toContain(part);
  });

  it('gives a reader rows and filters, no inputs; nobody anything without signing in', async () => {
    const text = await (await getTypes(shop.viewerToken)).text();
    expect(text).toContain('export interface Customer {');
    expect(text).not.toContain('CustomerCreate');
    expect(text).toMatch(/create: never;/);
    const outsider = await (await getTypes(shop.outsiderToken)).text();
    expect(outsider).not.toContain('export interface Customer {');
    expect((await getTypes()).status).toBe(401);
    expect((await getTypes(shop.adminToken, 'nope')).status).toBe(404);
  });
});
