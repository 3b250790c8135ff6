import { describe, expect, it } from 'vitest';

import { withJunctionEntities } from './junctions';
import { validateDocument } from './serialize';

describe('withJunctionEntities', () => {
  it('gives a many-to-many relation a visible junction entity', () => {
    const parsed = validateDocument({
      project: 'shop',
      entities: [
        { code: 'order', fields: [] },
        { code: 'tag', fields: [] },
      ],
      relations: [{ code: 'order_tags', type: 'many-to-many', from: 'order', to: 'tag' }],
    });
    if (!parsed.ok) throw new Error('invalid');
    const doc = withJunctionEntities(parsed.document);
    expect(doc.entities.map((e) => e.code)).toEqual(['order', 'tag', 'order_tags']);
    expect(doc.relations[0]).toMatchObject({ through: 'order_tags' });
    expect(validateDocument(doc).ok).toBe(true);
    expect(withJunctionEntities(doc)).toEqual(doc);
  });
});
