import { describe, expect, it } from 'vitest';

import { projectFromPath } from './routes';

describe('designer addresses', () => {
  it('reads the project from the path, and nothing from a path that is not one', () => {
    expect(projectFromPath('/designer/shop')).toBe('shop');
    expect(projectFromPath('/designer/shop/')).toBe('shop');
    expect(projectFromPath('/designer/')).toBeNull();
    expect(projectFromPath('/designer/%2e%2e')).toBeNull();
    expect(projectFromPath('/elsewhere/shop')).toBeNull();
  });
});
