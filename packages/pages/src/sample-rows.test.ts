import { checkValue, FIELD_TYPES, newField, type ModelDocument } from '@tessera/meta';
import { shopModel } from '@tessera/meta/testing';
import { describe, expect, it } from 'vitest';

import { sampleRows, sampleValue } from './sample-rows';

describe('sample rows for a preview', () => {
  it('gives every field type a value its own checks accept', () => {
    for (const type of FIELD_TYPES) {
      if (type === 'computed') continue;
      const field = newField('sample', type);
      for (let i = 0; i < 6; i++) {
        const result = checkValue(field, sampleValue(field, i));
        expect(result.ok, `${type} #${i}: ${JSON.stringify(result)}`).toBe(true);
      }
    }
  });

  it('keeps within a field’s rules and fills its relations', () => {
    const doc: ModelDocument = shopModel();
    const order = doc.entities.find((e) => e.code === 'order')!;
    const rows = sampleRows(doc, order, 4);
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      for (const field of order.fields)
        expect(checkValue(field, row[field.code]).ok, field.code).toBe(true);
      expect(row.customer).toMatch(/^00000000-/);
      expect(row).toHaveProperty('created_at');
    }
    const limited = {
      code: 'code',
      type: 'string',
      length: 6,
      validation: { minLength: 3 },
    } as const;
    expect(String(sampleValue(limited, 3)).length).toBeLessThanOrEqual(6);
  });
});
