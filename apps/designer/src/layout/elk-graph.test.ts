import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';

import { elkGraph, positionsOf } from './elk-graph';

describe('auto-layout', () => {
  it('places referenced entities to the right of those referencing them, without overlaps', async () => {
    const input = {
      nodes: ['order', 'customer', 'line', 'product'].map((id) => ({
        id,
        width: 220,
        height: 140,
      })),
      edges: [
        { id: 'a', source: 'order', target: 'customer' },
        { id: 'b', source: 'line', target: 'order' },
        { id: 'c', source: 'line', target: 'product' },
        { id: 'self', source: 'customer', target: 'customer' },
      ],
    };
    const p = positionsOf(await new ELK().layout(elkGraph(input)));
    expect(p.line!.x).toBeLessThan(p.order!.x);
    expect(p.order!.x).toBeLessThan(p.customer!.x);
    const boxes = Object.values(p);
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1))
        expect(Math.abs(a.x - b.x) >= 220 || Math.abs(a.y - b.y) >= 140).toBe(true);
  });
});
