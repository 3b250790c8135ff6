/** Generated data pages follow the caller's data permissions. */
import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callerAs, testServices } from './test/fixtures';

let t: TestDatabase;
const services = () => testServices(t.db, { databaseUrl: t.url, runtimeUrl: 'http://rt' });

beforeAll(async () => {
  t = await createTestDatabase();
  const { caller } = await callerAs(services(), ['admin']);
  await caller.schema.import({
    project: 'shop',
    document: JSON.stringify({
      project: 'shop',
      entities: [
        {
          code: 'customer',
          name: 'Customer',
          fields: [
            { code: 'name', type: 'string', length: 100, required: true },
            { code: 'email', type: 'email' },
          ],
        },
      ],
    }),
  });
  await caller.schema.publish({ project: 'shop', confirm: [] });
  const role = await caller.role.create({ code: 'clerk', name: 'Clerk', permissions: [] });
  await caller.dataPermission.set({
    project: 'shop',
    roleId: role.id,
    entity: 'customer',
    action: 'read',
    rowFilter: null,
    fields: ['name'],
  });
}, 120_000);
afterAll(() => t.drop());

const page = async (roles: string[]) => {
  const { caller } = await callerAs(services(), roles);
  return caller.page.entity({ project: 'shop', entity: 'customer' });
};

describe('page.entity', () => {
  it('gives an administrator the whole page against the runtime', async () => {
    const { title, schema } = await page(['admin']);
    expect(title).toBe('Customer');
    const text = JSON.stringify(schema);
    expect(text).toContain('"api":"get:http://rt/api/v1/shop/customer"');
    expect(text).toContain('New Customer');
    expect(text).toContain('"name":"email"');
  });

  it('gives a reader no create, edit or delete, and a clerk no hidden field', async () => {
    const reader = JSON.stringify((await page(['viewer'])).schema);
    expect(reader).not.toContain('New Customer');
    expect(reader).not.toContain('Delete selected');
    expect(reader).not.toContain('quickSaveItemApi');
    const clerk = JSON.stringify((await page(['clerk'])).schema);
    expect(clerk).toContain('"name":"name"');
    expect(clerk).not.toContain('"name":"email"');
  });

  it('refuses a caller who may not read the entity, and an unknown entity', async () => {
    await expect(page([])).rejects.toThrow('You may not read customer');
    const { caller } = await callerAs(services(), ['admin']);
    await expect(caller.page.entity({ project: 'shop', entity: 'nope' })).rejects.toThrow(
      "No published entity 'nope'",
    );
  });
});

type Menu = { code: string; path: string | null; title: string; children: Menu[] };
const dataMenus = async (roles: string[]) => {
  const { caller } = await callerAs(services(), roles);
  const mine = (await caller.menu.mine()) as Menu[];
  return mine.find((m) => m.code === 'data')?.children ?? [];
};

describe('entity menus', () => {
  it('are created on publish in a folder of the project', async () => {
    const [folder] = await dataMenus(['admin']);
    expect(folder).toMatchObject({ code: 'data.shop', title: 'shop' });
    expect(folder!.children).toEqual([
      expect.objectContaining({ title: 'Customer', path: '/data/shop/customer' }),
    ]);
  });

  it('are shown to roles that may read the entity, through data:read or a grant', async () => {
    expect(await dataMenus(['viewer'])).toHaveLength(1);
    expect(await dataMenus(['clerk'])).toHaveLength(1);
    expect(await dataMenus([])).toEqual([]);
  });

  it('keep a title an administrator changed when published again', async () => {
    const { caller } = await callerAs(services(), ['admin']);
    const tree = (await caller.menu.tree()) as (Menu & { id: string })[];
    const entry = tree
      .find((m) => m.code === 'data')!
      .children[0]!.children.find((m) => m.code === 'data.shop.customer') as Menu & {
      id: string;
    };
    await caller.menu.update({ id: entry.id, title: 'Clients' });
    await caller.schema.publish({ project: 'shop', confirm: [] });
    const [folder] = await dataMenus(['admin']);
    expect(folder!.children.map((m) => m.title)).toEqual(['Clients']);
  });
});

describe('grants across renames', () => {
  it('follow an entity and its fields to their new codes when published', async () => {
    const { caller } = await callerAs(services(), ['admin']);
    await caller.model.updateEntity({
      project: 'shop',
      code: 'customer',
      changes: { code: 'client' },
    });
    await caller.model.updateField({
      project: 'shop',
      entity: 'client',
      code: 'name',
      field: { code: 'full_name', type: 'string', length: 100, required: true },
    });
    await caller.schema.publish({ project: 'shop', confirm: [] });
    const grants = await caller.dataPermission.list({ project: 'shop' });
    const clerk = grants.permissions.find((p) => p.role.code === 'clerk')!;
    expect(clerk).toMatchObject({ entity: 'client', action: 'read', fields: ['full_name'] });
    const page = JSON.stringify(
      (
        await (
          await callerAs(services(), ['clerk'])
        ).caller.page.entity({ project: 'shop', entity: 'client' })
      ).schema,
    );
    expect(page).toContain('"name":"full_name"');
    expect(page).not.toContain('"name":"email"');
    const [folder] = await dataMenus(['clerk']);
    expect(folder!.children).toEqual([
      expect.objectContaining({ title: 'Clients', path: '/data/shop/client' }),
    ]);
  });

  it('and the menu of a dropped entity goes with it', async () => {
    const { caller } = await callerAs(services(), ['admin']);
    await caller.model.createEntity({
      project: 'shop',
      entity: { code: 'note', name: 'Note', fields: [{ code: 'body', type: 'text' }] },
    });
    await caller.schema.publish({ project: 'shop', confirm: [] });
    expect((await dataMenus(['admin']))[0]!.children.map((m) => m.path)).toEqual([
      '/data/shop/client',
      '/data/shop/note',
    ]);
    await caller.model.deleteEntity({ project: 'shop', code: 'note' });
    const plan = await caller.schema.plan({ project: 'shop' });
    await caller.schema.publish({
      project: 'shop',
      confirm: plan.steps.filter((s) => s.risk === 'needs-confirmation').map((s) => s.id),
    });
    expect((await dataMenus(['admin']))[0]!.children.map((m) => m.path)).toEqual([
      '/data/shop/client',
    ]);
  });
});

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
    expect(await caller.page.check({ schema: { type: 'page', title: 'ok' } })).toEqual({
      ok: true,
    });
    const viewer = (await callerAs(services(), ['viewer'])).caller;
    await expect(
      viewer.page.save({ ...desk, schema: { type: 'page' }, note: null }),
    ).rejects.toThrow(/page:update/);
    await expect(viewer.page.source(desk)).rejects.toThrow(/page:update/);
  });
});
