import { describe, expect, it } from 'vitest';

import { ejectedEntitiesChanged } from './coexistence';
import { assignIds } from './plan/ids';
import { validateDocument } from './serialize';

const doc = (input: unknown) => {
  const r = validateDocument(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.document;
};

describe('ejected entities a publish changes', () => {
  const v1 = assignIds(
    doc({
      project: 'shop',
      service: { url: 'http://svc' },
      entities: [
        { code: 'customer', mode: 'ejected', fields: [{ code: 'name', type: 'string' }] },
        { code: 'order', fields: [{ code: 'total', type: 'decimal' }] },
      ],
      relations: [],
    }),
    null,
  );

  it('names an ejected entity whose fields changed, not an interpreted one', () => {
    const v2 = structuredClone(v1);
    v2.entities[0]!.fields.push({ id: crypto.randomUUID(), code: 'email', type: 'email' });
    v2.entities[1]!.fields.push({ id: crypto.randomUUID(), code: 'note', type: 'text' });
    expect(ejectedEntitiesChanged(v1, v2)).toEqual(['customer']);
    expect(ejectedEntitiesChanged(v1, structuredClone(v1))).toEqual([]);
  });

  it('names both ends of a relation added to an ejected entity, and one newly ejected', () => {
    const v2 = structuredClone(v1);
    v2.relations.push({
      id: crypto.randomUUID(),
      code: 'oc',
      type: 'many-to-one',
      from: 'order',
      to: 'customer',
    });
    expect(ejectedEntitiesChanged(v1, v2)).toEqual(['customer']);
    const v3 = structuredClone(v1);
    v3.entities[1]!.mode = 'ejected';
    expect(ejectedEntitiesChanged(v1, v3)).toEqual(['order']);
  });
});
