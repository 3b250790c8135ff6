import { describe, expect, it } from 'vitest';

import { filterControls, formControl } from './controls';

describe('controls', () => {
  it('carries the model’s validation into the form controls', () => {
    const string = formControl({
      code: 'name',
      type: 'string',
      length: 80,
      required: true,
      validation: { minLength: 2, pattern: '^[A-Z]' },
    });
    expect(string).toMatchObject({
      type: 'input-text',
      required: true,
      validations: { minLength: 2, maxLength: 80, tesseraPattern: '^[A-Z]' },
      validationErrors: { tesseraPattern: 'Does not match the required format' },
    });
    expect(
      formControl({
        code: 'total',
        type: 'decimal',
        precision: 12,
        scale: 2,
        validation: { min: 0 },
      }),
    ).toMatchObject({
      type: 'input-number',
      precision: 2,
      validations: { minimum: 0 },
    });
    // A bound on the control itself would clamp -5 to 0 instead of saying what is wrong.
    expect(
      formControl({ code: 'n', type: 'integer', validation: { min: 0, max: 9 } }),
    ).not.toHaveProperty('min');
    expect(formControl({ code: 'status', type: 'enum', options: ['new', 'paid'] })).toMatchObject({
      type: 'select',
      options: [
        { label: 'new', value: 'new' },
        { label: 'paid', value: 'paid' },
      ],
    });
    expect(
      formControl({ code: 'c', type: 'computed', expression: '1', resultType: 'integer' }),
    ).toBeNull();
  });

  it('names filter controls after the runtime filters they set', () => {
    expect(
      filterControls({ code: 'total', type: 'decimal', precision: 12, scale: 2 }).map(
        (c) => c.name,
      ),
    ).toEqual(['filter.total._gte', 'filter.total._lte']);
    expect(filterControls({ code: 'status', type: 'enum', options: ['new'] })[0]).toMatchObject({
      name: 'filter.status._in',
      multiple: true,
      extractValue: true,
    });
    expect(filterControls({ code: 'name', type: 'string', length: 10 })[0]!.name).toBe(
      'filter.name._icontains',
    );
    expect(filterControls({ code: 'blob', type: 'json' })).toEqual([]);
  });
});
