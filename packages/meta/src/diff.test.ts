import { describe, expect, it } from 'vitest';

import { diffDocuments } from './diff';
import type { ModelDocument } from './document';
import { assignIds } from './plan/ids';
import { validateDocument } from './serialize';

const parse = (input: unknown) => {
  const r = validateDocument(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.document;
};

describe('diffDocuments', () => {
  const base = assignIds(
    parse({
      project: 'shop',
      entities: [
        {
          code: 'customer',
          fields: [
            { code: 'name', type: 'string' },
            { code: 'age', type: 'integer' },
          ],
        },
      ],
    }),
    null,
  );

  it('finds nothing between a document and itself', () => {
    expect(diffDocuments(base, structuredClone(base))).toEqual([]);
  });

  it('says which entities the ejected service serves, and where it is', () => {
    const ejected = structuredClone(base);
    ejected.service = { url: 'http://shop-service:3000' };
    ejected.entities[0]!.mode = 'ejected';
    expect(diffDocuments(base, ejected).map((c) => [c.target, c.kind, c.summary])).toEqual([
      ['project', 'added', 'The ejected service is at http://shop-service:3000'],
      ['entity', 'changed', 'Entity customer is served by the ejected service'],
    ]);
    const back = structuredClone(ejected);
    delete back.entities[0]!.mode;
    expect(diffDocuments(ejected, back).map((c) => c.summary)).toEqual([
      'Entity customer is served by the runtime again',
    ]);
  });

  it('refuses an ejected entity without a service to forward to', () => {
    const r = validateDocument({
      project: 'shop',
      entities: [{ code: 'customer', mode: 'ejected', fields: [] }],
    });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(!r.ok && r.issues)).toContain("set the project's service URL");
    expect(
      validateDocument({
        project: 'shop',
        service: { url: 'ftp://nope' },
        entities: [],
      }).ok,
    ).toBe(false);
  });

  it('tells renames from drop + add by id', () => {
    const next: ModelDocument = structuredClone(base);
    next.entities[0]!.code = 'client';
    next.entities[0]!.fields[0]!.code = 'full_name';
    next.entities[0]!.fields.splice(1, 1);
    next.entities[0]!.fields.push({ id: crypto.randomUUID(), code: 'email', type: 'email' });
    expect(diffDocuments(base, next).map((c) => c.summary)).toEqual([
      'Renamed entity customer to client',
      'Renamed field client.name to full_name',
      'Added field client.email (email)',
      'Removed field client.age',
    ]);
  });

  it('matches an id-less document by renamedFrom, then by code', () => {
    const imported = assignIds(
      parse({
        project: 'shop',
        entities: [
          {
            code: 'customer',
            fields: [
              { code: 'full_name', type: 'string', renamedFrom: 'name' },
              { code: 'age', type: 'integer' },
            ],
          },
        ],
      }),
      base,
    );
    expect(imported.entities[0]!.id).toBe(base.entities[0]!.id);
    expect(imported.entities[0]!.fields.map((f) => f.id)).toEqual(
      base.entities[0]!.fields.map((f) => f.id),
    );
    expect(diffDocuments(base, imported).map((c) => c.summary)).toEqual([
      'Renamed field customer.name to full_name',
    ]);
  });
});
