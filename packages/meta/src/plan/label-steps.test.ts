import { describe, expect, it } from 'vitest';

import { shopModel } from '../testing';
import { assignIds } from './ids';
import { labelSteps } from './label-steps';

describe('labelSteps', () => {
  const published = assignIds(shopModel(), null);
  const edit = (change: (doc: typeof published) => void) => {
    const draft = structuredClone(published);
    change(draft);
    return labelSteps(published, draft);
  };

  it('lists a change of names alone, with both names, and no SQL', () => {
    const steps = edit((doc) => {
      doc.entities[0]!.name = '<img src=x onerror=alert(1)>';
      doc.entities[0]!.fields[0]!.name = '${secret}';
    });
    expect(steps.map((s) => [s.kind, s.summary, s.sql, s.risk])).toEqual([
      [
        'change-label',
        'Change the name of entity customer from "Customer" to "<img src=x onerror=alert(1)>"',
        [],
        'safe',
      ],
      [
        'change-label',
        'Change the name of field customer.name from (none) to "${secret}"',
        [],
        'safe',
      ],
    ]);
  });

  it('lists changed descriptions and validation rules, and nothing when nothing changed', () => {
    expect(edit(() => undefined)).toEqual([]);
    const steps = edit((doc) => {
      doc.description = 'The shop';
      doc.entities[1]!.fields[0]!.validation = { min: 1 };
    });
    expect(steps.map((s) => s.summary)).toEqual([
      'Change the description of project shop from (none) to "The shop"',
      'Change the validation rules of field order.total from {"min":0} to {"min":1}',
    ]);
    expect(steps[1]!.kind).toBe('change-rules');
    // Each says what it is about, for an editor to show it there.
    const order = published.entities[1]!;
    expect(steps.map((s) => s.target)).toEqual([
      undefined,
      { entity: order.id, field: order.fields[0]!.id },
    ]);
  });
});
