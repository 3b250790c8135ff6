/** Row filters follow field renames, along relation paths too. */
import { entityOf, shopModel } from '@tessera/meta/testing';
import { describe, expect, it } from 'vitest';

import { renameFilterFields } from './rename-filter';

const doc = shopModel((d) => {
  for (const entity of d.entities)
    entity.fields.push({ code: 'region', type: 'string', length: 20 });
});
const customer = entityOf(doc, 'customer');
const order = entityOf(doc, 'order');

describe('renameFilterFields', () => {
  const renames = new Map([
    ['order', new Map([['region', 'area']])],
    ['customer', new Map([['name', 'full_name']])],
  ]);

  it('renames field keys at the top and inside _and, _or and _not', () => {
    expect(
      renameFilterFields(
        doc,
        order,
        {
          region: { _eq: '$user.region' },
          _or: [{ total: { _gt: 5 } }, { _not: { region: { _in: ['north'] } } }],
        },
        renames,
      ),
    ).toEqual({
      area: { _eq: '$user.region' },
      _or: [{ total: { _gt: 5 } }, { _not: { area: { _in: ['north'] } } }],
    });
  });

  it("renames along a path, by the related entity's renames", () => {
    expect(
      renameFilterFields(
        doc,
        order,
        { customer: { name: { _eq: 'Ada' }, region: { _eq: 'x' } }, region: { _eq: 'y' } },
        renames,
      ),
    ).toEqual({
      customer: { full_name: { _eq: 'Ada' }, region: { _eq: 'x' } },
      area: { _eq: 'y' },
    });
    expect(
      renameFilterFields(doc, customer, { orders: { _some: { region: { _eq: 'n' } } } }, renames),
    ).toEqual({ orders: { _some: { area: { _eq: 'n' } } } });
  });

  it('leaves a compared key, operators and their values alone', () => {
    const filter = { customer: { _eq: '$user.id' }, total: { _in: ['region'] } };
    expect(renameFilterFields(doc, order, filter, renames)).toEqual(filter);
    expect(renameFilterFields(doc, order, null, renames)).toBeNull();
  });
});
