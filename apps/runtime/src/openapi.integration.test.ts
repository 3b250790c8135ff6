/** The live OpenAPI document: valid 3.1, shaped by permissions, and rendered at /docs. */
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';

import { useShopRuntime } from './test/shop-runtime';

const getDoc = async (token: string) => {
  const res = await fetch(`${shop.base}/api/v1/shop/openapi.json`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

const shop = useShopRuntime();

describe('GET /api/v1/{project}/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document of every route of every entity', async () => {
    const { status, body } = await getDoc(shop.adminToken);
    expect(status).toBe(200);
    const validator = new Validator();
    const result = await validator.validate(body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    // The validator does refuse a broken document.
    expect((await new Validator().validate({ ...body, info: undefined })).valid).toBe(false);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/shop/customer',
        '/api/v1/shop/customer/{id}',
        '/api/v1/shop/customer/bulk',
        '/api/v1/shop/customer/export',
        '/api/v1/shop/customer/import',
        '/api/v1/shop/customer/aggregate',
        '/api/v1/shop/order',
        '/api/v1/shop/changes',
      ]),
    );
    expect(body.components.schemas.Customer.properties.email).toEqual({
      type: 'string',
      format: 'email',
    });
    expect(body.components.schemas.Order.properties.tags.type).toBe('array');
    expect(body.components.schemas.CustomerInput.properties).not.toHaveProperty('id');
  });

  it('shows a reader only reads, and nobody anything without signing in', async () => {
    const { body } = await getDoc(shop.viewerToken);
    expect(body.paths['/api/v1/shop/customer'].get).toBeDefined();
    expect(body.paths['/api/v1/shop/customer'].post).toBeUndefined();
    expect(body.paths['/api/v1/shop/customer/import']).toBeUndefined();
    // Nothing to write: no input schema names a field it may not write.
    expect(Object.keys(body.components.schemas)).toEqual(
      expect.arrayContaining(['Customer', 'Order', 'Tag']),
    );
    expect(Object.keys(body.components.schemas).filter((n) => /(Input|Update)$/.test(n))).toEqual(
      [],
    );
    expect(body.paths['/api/v1/shop/changes']).toBeDefined();
    // Nothing to read either: not even the stream, which it would be refused.
    const outsider = await getDoc(shop.outsiderToken);
    expect(Object.keys(outsider.body.paths)).toEqual([]);
    expect((await fetch(`${shop.base}/api/v1/shop/openapi.json`)).status).toBe(401);
  });

  it('serves the docs page and its assets from the runtime itself', async () => {
    const page = await fetch(`${shop.base}/docs`, {
      headers: { authorization: `Bearer ${shop.viewerToken}` },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/api/v1/shop/openapi.json');
    const script = await fetch(`${shop.base}/docs/assets/swagger-ui-bundle.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect((await script.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });

  it('names no project to anonymous callers, nor to callers who may use none', async () => {
    const anonymous = await (await fetch(`${shop.base}/docs`)).text();
    expect(anonymous).toContain('Sign in');
    expect(anonymous).not.toContain('shop');
    const outsider = await (
      await fetch(`${shop.base}/docs`, {
        headers: { authorization: `Bearer ${shop.outsiderToken}` },
      })
    ).text();
    expect(outsider).not.toContain('/docs/shop');
    expect(outsider).not.toContain('/api/v1/shop/');
  });
});
