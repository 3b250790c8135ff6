/** Publishing with progress, many-to-many junctions and entity status. */
import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callerAs, testServices } from './test/fixtures';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const services = () => testServices(t.db, { databaseUrl: t.url });

describe('publishing with progress', () => {
  it('streams one event per step, then the new version', async () => {
    const { caller } = await callerAs(services(), ['modeler']);
    await caller.project.create({ code: 'events', name: 'Events' });
    await caller.model.createEntity({
      project: 'events',
      entity: { code: 'ticket', fields: [{ code: 'title', type: 'text' }] },
    });
    const events: unknown[] = [];
    for await (const event of await caller.schema.publishWithProgress({
      project: 'events',
      confirm: [],
    }))
      events.push(event);
    expect(events).toEqual([
      { type: 'step', index: 0, total: 2, summary: 'Create schema events' },
      { type: 'step', index: 1, total: 2, summary: 'Create table ticket (1 field)' },
      { type: 'done', version: 1, steps: 2, regenerate: [] },
    ]);
  });

  it('ends the stream with the refusal when a step needs confirmation', async () => {
    const { caller } = await callerAs(services(), ['modeler']);
    await t.db.$executeRawUnsafe(`INSERT INTO events.ticket (title) VALUES ('a')`);
    await caller.model.deleteField({ project: 'events', entity: 'ticket', code: 'title' });
    const events: { type: string }[] = [];
    for await (const event of await caller.schema.publishWithProgress({
      project: 'events',
      confirm: [],
    }))
      events.push(event);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'refused',
        code: 'VALIDATION',
        message: expect.stringMatching(/need attention/),
      }),
    ]);
  });

  it('plans and publishes a change of names alone, for review', async () => {
    const { caller } = await callerAs(services(), ['modeler', 'admin']);
    await caller.project.create({ code: 'labels', name: 'Labels' });
    await caller.model.createEntity({
      project: 'labels',
      entity: { code: 'ticket', name: 'Ticket', fields: [{ code: 'title', type: 'text' }] },
    });
    await caller.schema.publish({ project: 'labels', confirm: [] });
    await caller.model.updateEntity({
      project: 'labels',
      code: 'ticket',
      changes: { name: '<img src=x onerror=alert(1)>' },
    });
    const plan = await caller.schema.plan({ project: 'labels' });
    expect(plan.steps.map((s) => [s.kind, s.summary, s.sql])).toEqual([
      [
        'change-label',
        'Change the name of entity ticket from "Ticket" to "<img src=x onerror=alert(1)>"',
        [],
      ],
    ]);
    const published = await caller.schema.publish({ project: 'labels', confirm: [] });
    expect(published.version).toBe(2);
    expect((await caller.schema.plan({ project: 'labels' })).steps).toEqual([]);
  });

  it('refuses a cross-site subscription', async () => {
    const { caller } = await callerAs(services(), ['modeler'], { crossSite: true });
    await expect(
      caller.schema.publishWithProgress({ project: 'events', confirm: [] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('many-to-many relations', () => {
  it('publish through a visible junction entity that can carry its own fields', async () => {
    const { caller } = await callerAs(services(), ['modeler']);
    const document = JSON.stringify({
      project: 'blog',
      entities: [
        { code: 'post', fields: [{ code: 'title', type: 'text' }] },
        { code: 'tag', fields: [{ code: 'label', type: 'text' }] },
      ],
      relations: [
        {
          code: 'post_tags',
          type: 'many-to-many',
          from: 'post',
          to: 'tag',
          field: 'tags',
          inverse: 'posts',
        },
      ],
    });
    await caller.schema.import({ project: 'blog', document });
    const project = await caller.project.get({ code: 'blog' });
    expect(project.draft.entities.map((e) => e.code)).toEqual(['post', 'tag', 'post_tags']);
    await caller.model.createField({
      project: 'blog',
      entity: 'post_tags',
      field: { code: 'weight', type: 'integer', default: 1 },
    });
    await caller.schema.publish({ project: 'blog', confirm: [] });
    const columns = await t.db.$queryRaw<
      { column_name: string }[]
    >`SELECT column_name FROM information_schema.columns WHERE table_schema = 'blog' AND table_name = 'post_tags' ORDER BY ordinal_position`;
    expect(columns.map((c) => c.column_name)).toEqual([
      'id',
      'created_at',
      'updated_at',
      'created_by',
      'updated_by',
      'version',
      'weight',
      'post',
      'tag',
    ]);
    const [post] = await t.db.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO blog.post (title) VALUES ('Hello') RETURNING id`,
    );
    const [tag] = await t.db.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO blog.tag (label) VALUES ('news') RETURNING id`,
    );
    await t.db.$executeRawUnsafe(
      `INSERT INTO blog.post_tags (post, tag) VALUES ('${post!.id}', '${tag!.id}')`,
    );
    await expect(
      t.db.$executeRawUnsafe(
        `INSERT INTO blog.post_tags (post, tag) VALUES ('${post!.id}', '${tag!.id}')`,
      ),
    ).rejects.toThrow();
    // Deleting a post removes its links.
    await t.db.$executeRawUnsafe(`DELETE FROM blog.post`);
    expect(await t.db.$queryRawUnsafe(`SELECT count(*)::int AS n FROM blog.post_tags`)).toEqual([
      { n: 0 },
    ]);
    expect((await caller.schema.plan({ project: 'blog' })).steps).toEqual([]);
  });
});

describe('entity status', () => {
  it('tells draft, changed and published entities apart', async () => {
    const { caller } = await callerAs(services(), ['modeler']);
    await caller.project.create({ code: 'status_demo', name: 'Status' });
    await caller.model.createEntity({
      project: 'status_demo',
      entity: { code: 'alpha', fields: [{ code: 'aa', type: 'text' }] },
    });
    await caller.model.createEntity({
      project: 'status_demo',
      entity: { code: 'beta', fields: [] },
    });
    expect((await caller.project.get({ code: 'status_demo' })).entityStatus).toEqual({
      alpha: 'draft',
      beta: 'draft',
    });
    await caller.schema.publish({ project: 'status_demo', confirm: [] });
    await caller.model.createField({
      project: 'status_demo',
      entity: 'beta',
      field: { code: 'bb', type: 'text' },
    });
    await caller.model.createEntity({
      project: 'status_demo',
      entity: { code: 'gamma', fields: [] },
    });
    expect((await caller.project.get({ code: 'status_demo' })).entityStatus).toEqual({
      alpha: 'published',
      beta: 'changed',
      gamma: 'draft',
    });
  });
});
