import { AppError } from '@tessera/errors';
import { validateDocument, withJunctionEntities } from '@tessera/meta';
import { describe, expect, it } from 'vitest';

import { precompileTemplate } from '../render/templates';
import { entityViews } from './entity-view';

function views(model: unknown) {
  const parsed = validateDocument(model);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return entityViews(withJunctionEntities(parsed.document));
}

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
};

describe('entity views', () => {
  it('maps a to-one key onto the platform column beside its relation, with named relations', () => {
    const [order, customer] = views({
      project: 'shop',
      entities: [
        { code: 'order', fields: [] },
        { code: 'customer', fields: [{ code: 'name', type: 'string', length: 10 }] },
      ],
      relations: [
        {
          code: 'order_buyer',
          type: 'many-to-one',
          from: 'order',
          to: 'customer',
          field: 'buyer',
          inverse: 'bought',
        },
        { code: 'order_payer', type: 'many-to-one', from: 'order', to: 'customer', field: 'payer' },
      ],
    });
    expect(order!.prisma.join('\n')).toMatch(/buyer_id\s+String\? @map\("buyer"\) @db\.Uuid/);
    expect(order!.prisma.join('\n')).toMatch(
      /payer\s+Customer\? @relation\("order_payer", fields: \[payer_id\]/,
    );
    // Without an inverse, Prisma's required back relation is named after the relation.
    expect(customer!.prisma.join('\n')).toMatch(
      /order_payer\s+Order\[\] @relation\("order_payer"\)/,
    );
    expect(customer!.links.map((l) => l.name)).toEqual(['bought']);
  });

  it('gives a self many-to-many two distinct junction relations', () => {
    const [person, junction] = views({
      project: 'club',
      entities: [{ code: 'person', fields: [] }],
      relations: [
        {
          code: 'friends',
          type: 'many-to-many',
          from: 'person',
          to: 'person',
          field: 'friends',
          inverse: 'friend_of',
        },
      ],
    });
    const text = person!.prisma.join('\n');
    expect(text).toMatch(/friends\s+Friends\[\] @relation\("friends_person"\)/);
    expect(text).toMatch(/friend_of\s+Friends\[\] @relation\("friends_related_person"\)/);
    expect(junction!.prisma.join('\n')).toContain('@@unique([person_id, related_person_id]');
  });

  it('refuses a model the target cannot express, naming the entity and field', () => {
    const error = refusal(() =>
      views({
        project: 'shop',
        entities: [
          { code: 'order', fields: [{ code: 'customer_id', type: 'uuid' }] },
          { code: 'customer', fields: [] },
        ],
        relations: [
          {
            code: 'order_customer',
            type: 'many-to-one',
            from: 'order',
            to: 'customer',
            field: 'customer',
          },
        ],
      }),
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toContain("'order'");
    expect(error.details).toEqual({ entity: 'order', field: 'customer_id' });
    expect(
      refusal(() => views({ project: 'shop', entities: [{ code: 'prisma', fields: [] }] })).message,
    ).toContain('Prisma model Prisma');
  });
});

describe('templates', () => {
  it('names a template that does not compile, and its line', () => {
    const error = refusal(() =>
      precompileTemplate('src/broken.ts', 'line one\n{{#each items}}\n{{/if}}\n'),
    );
    expect(error.message).toMatch(/^Template src\/broken\.ts, line \d+/);
    expect(error.details).toMatchObject({ template: 'src/broken.ts' });
  });

  it('accepts no helper it does not know', () => {
    expect(() => precompileTemplate('x', '{{shout name}}')).toThrow(/Template x/);
  });
});
