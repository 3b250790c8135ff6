import type { PlanStep } from '@tessera/meta';
import { describe, expect, it } from 'vitest';

import { planRisks } from './publish-panel';

const step = (risk: PlanStep['risk'], target: PlanStep['target']): PlanStep => ({
  id: Math.random().toString(36),
  kind: 'x',
  summary: 'x',
  sql: [],
  risk,
  target,
});

describe('the plan pinned on the canvas', () => {
  it('gives each entity and field the worst risk of its steps, a relation its key’s entity', () => {
    const risks = planRisks(
      [
        step('safe', { entity: 'e1', field: 'f1' }),
        step('needs-confirmation', { entity: 'e1', field: 'f2' }),
        step('blocked', { entity: 'e2', field: 'f3' }),
        step('safe', { entity: 'e2' }),
        step('needs-confirmation', { relation: 'r1' }),
        step('safe', undefined),
      ],
      (relation) => (relation === 'r1' ? 'e3' : undefined),
    );
    expect(risks).toEqual({
      entities: { e1: 'needs-confirmation', e2: 'blocked', e3: 'needs-confirmation' },
      fields: { f1: 'safe', f2: 'needs-confirmation', f3: 'blocked' },
    });
  });
});
