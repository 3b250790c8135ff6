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

  it("reads ahead the list's first page with the columns the caller sees", async () => {
    const admin = (await page(['admin'])).preview;
    expect(admin?.url).toBe('http://rt/api/v1/shop/customer?page=1&perPage=20');
    expect(admin?.columns.map((c) => c.name)).toContain('email');
    const clerk = (await page(['clerk'])).preview;
    expect(clerk?.columns.map((c) => c.name)).toEqual(['name']);
  });

  it('reads nothing ahead for an edited page whose list depends on the page', async () => {
    const { caller } = await callerAs(services(), ['admin']);
    const input = { project: 'shop', entity: 'customer' };
    const edited = (await caller.page.source(input)).page as { body: Record<string, unknown>[] };
    const crud = edited.body[0]!;
    await caller.page.save({
      ...input,
      schema: {
        ...edited,
        // A list address naming the page's data: only the browser knows it.
        body: [{ ...crud, api: 'get:http://rt/api/v1/shop/customer?keywords=${term}' }],
      },
      note: 'list of the page',
    });
    expect((await caller.page.entity(input)).preview).toBeNull();
    await caller.page.reset(input);
    expect((await caller.page.entity(input)).preview).not.toBeNull();
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
    const clerkRole = (await caller.role.list()).find((r) => r.code === 'clerk')!;
    await caller.dataPermission.set({
      project: 'shop',
      roleId: clerkRole.id,
      entity: 'customer',
      action: 'update',
      rowFilter: { _or: [{ name: { _starts_with: 'A' } }, { _not: { email: { _null: true } } }] },
      fields: ['name'],
    });
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
    // The row filter names the new field code, and still compiles against the new model.
    const update = grants.permissions.find(
      (p) => p.role.code === 'clerk' && p.action === 'update',
    )!;
    expect(update).toMatchObject({
      entity: 'client',
      fields: ['full_name'],
      rowFilter: {
        _or: [{ full_name: { _starts_with: 'A' } }, { _not: { email: { _null: true } } }],
      },
    });
    // Saving it again checks it against the published model.
    await caller.dataPermission.set({
      project: 'shop',
      roleId: clerkRole.id,
      entity: 'client',
      action: 'update',
      rowFilter: update.rowFilter as Record<string, unknown>,
      fields: ['full_name'],
    });
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
