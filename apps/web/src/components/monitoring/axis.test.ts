import { describe, expect, it } from 'vitest';

import { axisTop } from './axis';

describe('axisTop', () => {
  it('keeps a quiet chart on a sensible scale, and rounds a busy one up', () => {
    expect(axisTop(-Infinity, 0.05)).toBe(0.05);
    expect(axisTop(0, 0.05)).toBe(0.05);
    expect(axisTop(0.2, 0.05)).toBe(0.2);
    expect(axisTop(12.99, 1)).toBe(13);
    expect(axisTop(0.4, 1)).toBe(1);
  });
});
