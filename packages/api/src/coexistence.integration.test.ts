/**
 * Interpreted and ejected entities in one project, as the console's API sees them: the mode and
 * the service URL are part of the model (edited, exported, versioned), and a plan or publish
 * that changes an ejected entity says its service must be regenerated.
 */
import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callerAs, testServices } from './test/fixtures';

let t: TestDatabase;
const services = () => testServices(t.db, { databaseUrl: t.url });

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('ejected entities in the model', () => {
  it('are exported and versioned, and each publish that changes one names it', async () => {
    const { caller } = await callerAs(services(), ['admin']);
    await caller.schema.import({
      project: 'duo',
      document: JSON.stringify({
        project: 'duo',
        service: { url: 'http://duo-service:3000' },
        entities: [
          { code: 'customer', mode: 'ejected', fields: [{ code: 'name', type: 'string' }] },
          { code: 'order', fields: [{ code: 'total', type: 'decimal' }] },
        ],
      }),
    });
    const first = await caller.schema.plan({ project: 'duo' });
    expect(first.regenerate).toEqual(['customer']);
    const published = await caller.schema.publish({ project: 'duo', confirm: [] });
    expect(published.regenerate).toEqual(['customer']);
    const exported = await caller.schema.export({ project: 'duo', format: 'json' });
    expect(JSON.parse(exported.text)).toMatchObject({
      service: { url: 'http://duo-service:3000' },
      entities: [{ code: 'customer', mode: 'ejected' }, { code: 'order' }],
    });

    // An interpreted entity's change needs no regeneration.
    let project = await caller.project.get({ code: 'duo' });
    const order = project.draft.entities.find((e) => e.code === 'order')!;
    await caller.model.edit({
      project: 'duo',
      baseRevision: project.draftRevision,
      ops: [
        {
          op: 'field.create',
          entity: order.id!,
          field: { id: crypto.randomUUID(), code: 'note', type: 'text' },
        },
      ],
    });
    expect((await caller.schema.plan({ project: 'duo' })).regenerate).toEqual([]);
    await caller.schema.publish({ project: 'duo', confirm: [] });

    // Moving customer back to the runtime changes nothing in the database, and still publishes.
    project = await caller.project.get({ code: 'duo' });
    const customer = project.draft.entities.find((e) => e.code === 'customer')!;
    await caller.model.edit({
      project: 'duo',
      baseRevision: project.draftRevision,
      ops: [{ op: 'entity.update', id: customer.id!, changes: { mode: null } }],
    });
    const modeOnly = await caller.schema.plan({ project: 'duo' });
    expect(modeOnly).toMatchObject({ steps: [], unpublishedChanges: 1, regenerate: ['customer'] });
    expect((await caller.schema.publish({ project: 'duo', confirm: [] })).version).toBe(3);
    const diff = await caller.schema.diff({ project: 'duo', from: 2, to: 3 });
    expect(JSON.stringify(diff)).toContain('Entity customer is served by the runtime again');
  });

  it('refuses an ejected entity without the service URL', async () => {
    const { caller } = await callerAs(services(), ['admin']);
    await expect(
      caller.schema.import({
        project: 'lone',
        document: JSON.stringify({
          project: 'lone',
          entities: [{ code: 'customer', mode: 'ejected', fields: [] }],
        }),
      }),
    ).rejects.toThrow(/set the project's service URL/);
  });
});
