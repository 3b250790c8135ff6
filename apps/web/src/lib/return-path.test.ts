import { describe, expect, it } from 'vitest';

import { returnPath } from './return-path';

describe('the path to return to after signing in', () => {
  it('keeps a path on this origin', () => {
    expect(returnPath('/designer/shop')).toBe('/designer/shop');
    expect(returnPath('/data/shop/order?x=1')).toBe('/data/shop/order?x=1');
  });

  it('ignores anything that leaves this origin or is not a path', () => {
    for (const next of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      '\\\\evil',
      'designer',
      '/\tx',
      undefined,
      ['/a'],
    ])
      expect(returnPath(next as string | undefined), String(next)).toBeNull();
  });
});
