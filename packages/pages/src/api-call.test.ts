import { describe, expect, it } from 'vitest';

import { apiCall } from './api-call';

describe('apiCall', () => {
  it('reads a method prefix, a plain address as a GET, and an object', () => {
    expect(apiCall('post:http://rt/api/v1/shop/order')).toEqual({
      method: 'post',
      url: 'http://rt/api/v1/shop/order',
    });
    expect(apiCall('DELETE:/x?ids=${ids}')).toEqual({ method: 'delete', url: '/x?ids=${ids}' });
    // The scheme of a plain address is no method.
    expect(apiCall('http://rt/api/v1/shop/order')).toEqual({
      method: 'get',
      url: 'http://rt/api/v1/shop/order',
    });
    expect(apiCall({ method: 'PUT', url: '/x' })).toEqual({ method: 'put', url: '/x' });
    expect(apiCall({ url: '/x' })).toEqual({ method: 'get', url: '/x' });
  });

  it('is null for what calls nothing', () => {
    for (const api of [undefined, null, 3, [], {}, { method: 'get' }])
      expect(apiCall(api)).toBeNull();
  });
});
