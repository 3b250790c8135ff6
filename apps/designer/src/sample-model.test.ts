import { describe, expect, it } from 'vitest';

import { sampleModel } from './sample-model';

describe('sampleModel', () => {
  it('connects only nodes that exist', () => {
    const { nodes, edges } = sampleModel();
    const ids = new Set(nodes.map((n) => n.id));
    for (const e of edges) {
      expect(ids.has(e.source)).toBe(true);
      expect(ids.has(e.target)).toBe(true);
    }
  });
});
