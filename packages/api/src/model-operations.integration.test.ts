import { createTestDatabase, createUserWithGrants, type TestDatabase } from '@tessera/db/testing';
import type { ModelDocument, ModelOp } from '@tessera/meta';
import { SHOP_YAML } from '@tessera/meta/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { stopDraftEvents } from './services/schema/draft-events';
import { callerAs, contextFor, principalFor, testServices } from './test/fixtures';
import { createCaller } from './root';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await stopDraftEvents();
  await t.drop();
});

const services = () => testServices(t.db, { databaseUrl: t.url });
const id = () => crypto.randomUUID();

const entity = (doc: ModelDocument, code: string) => doc.entities.find((e) => e.code === code)!;

/** Reads a subscription's events as they come, one `next` at a time, with a deadline. */
function reader<T>(iterable: AsyncIterable<T>) {
  const iterator = iterable[Symbol.asyncIterator]();
  return {
    async next(ms = 5000): Promise<T> {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no event within ${ms} ms`)), ms);
      });
      try {
        const result = await Promise.race([iterator.next(), timeout]);
        if (result.done) throw new Error('the subscription ended');
        return result.value;
      } finally {
        clearTimeout(timer);
      }
    },
    /** The next event that `match` accepts, skipping others. */
    async until(match: (event: T) => boolean, ms = 5000): Promise<T> {
      const deadline = Date.now() + ms;
      for (;;) {
        const event = await this.next(Math.max(1, deadline - Date.now()));
        if (match(event)) return event;
      }
    },
    close: () => iterator.return?.(undefined),
  };
}

type Event = { type: string; [key: string]: unknown };
/** A tracked event arrives to a server-side caller as [id, data, marker]. */
const data = (e: unknown) => (Array.isArray(e) ? e[1] : e) as Event;

describe('model operations over the API', () => {
  let project: { draft: ModelDocument; draftRevision: number };

  it('merges two modelers’ edits of different things made on the same revision', async () => {
    const ana = await callerAs(services(), ['modeler']);
    await ana.caller.schema.import({
      project: 'ops',
      document: SHOP_YAML.replace('project: shop', 'project: ops'),
    });
    await ana.caller.schema.publish({ project: 'ops', confirm: [] });
    project = await ana.caller.project.get({ code: 'ops' });
    const base = project.draftRevision;
    const customer = entity(project.draft, 'customer');
    const bo = await callerAs(services(), ['modeler']);

    const first = await ana.caller.model.edit({
      project: 'ops',
      baseRevision: base,
      clientId: 'tab-ana-0001',
      ops: [{ op: 'entity.update', id: customer.id!, changes: { name: 'Client' } }],
    });
    const second = await bo.caller.model.edit({
      project: 'ops',
      baseRevision: base,
      clientId: 'tab-bo-00001',
      ops: [
        {
          op: 'field.create',
          entity: customer.id!,
          field: { id: id(), code: 'phone', type: 'string', length: 30 },
        },
      ],
    });
    expect([first.revision, second.revision]).toEqual([base + 1, base + 2]);
    const after = (await ana.caller.project.get({ code: 'ops' })).draft;
    expect(entity(after, 'customer')).toMatchObject({ name: 'Client' });
    const phone = entity(after, 'customer').fields.find((f) => f.code === 'phone')!;
    // Each step of the plan says what it is about, for the designer to pin it there.
    const plan = await ana.caller.schema.plan({ project: 'ops' });
    expect(plan.steps.find((s) => s.kind === 'add-field')?.target).toEqual({
      entity: customer.id,
      field: phone.id,
    });
  });

  it('refuses a change of the same property with who changed it and what it is now', async () => {
    const ana = await callerAs(services(), ['modeler']);
    const current = await ana.caller.project.get({ code: 'ops' });
    const customer = entity(current.draft, 'customer');
    await ana.caller.model.edit({
      project: 'ops',
      baseRevision: current.draftRevision,
      ops: [{ op: 'entity.update', id: customer.id!, changes: { name: 'Buyer' } }],
    });
    const bo = await callerAs(services(), ['modeler']);
    const refused = await bo.caller.model
      .edit({
        project: 'ops',
        baseRevision: current.draftRevision,
        ops: [{ op: 'entity.update', id: customer.id!, changes: { name: 'Patron' } }],
      })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'CONFLICT' });
    const cause = (refused as { cause?: { details?: { conflicts: unknown[]; revision: number } } })
      .cause;
    expect(cause?.details).toMatchObject({
      revision: current.draftRevision + 1,
      conflicts: [
        {
          index: 0,
          key: `e:${customer.id}.name`,
          current: 'Buyer',
          target: { entity: customer.id, property: 'name' },
          actorName: ana.user!.email.split('@')[0],
        },
      ],
    });
    // Keeping theirs is doing nothing; keeping mine is the same edit on the current revision.
    const kept = await bo.caller.model.edit({
      project: 'ops',
      baseRevision: current.draftRevision + 1,
      ops: [{ op: 'entity.update', id: customer.id!, changes: { name: 'Patron' } }],
    });
    expect(kept.revision).toBe(current.draftRevision + 2);
  });

  it('saves layout without counting it as a model change, and refuses an invalid model', async () => {
    const { caller } = await callerAs(services(), ['modeler']);
    const current = await caller.project.get({ code: 'ops' });
    const order = entity(current.draft, 'order');
    const moved = await caller.model.edit({
      project: 'ops',
      baseRevision: current.draftRevision - 2,
      ops: [
        { op: 'layout.move', positions: { [order.id!]: { x: 120, y: -40 } } },
        { op: 'note.create', note: { id: id(), text: 'Totals in EUR', position: { x: 0, y: 0 } } },
      ],
    });
    expect(moved.revision).toBe(current.draftRevision);
    const after = await caller.project.get({ code: 'ops' });
    expect(entity(after.draft, 'order').position).toEqual({ x: 120, y: -40 });
    expect(after.draft.notes).toEqual([expect.objectContaining({ text: 'Totals in EUR' })]);
    expect((await caller.schema.plan({ project: 'ops' })).steps.map((s) => s.kind)).not.toContain(
      'layout',
    );
    const invalid = await caller.model
      .edit({
        project: 'ops',
        ops: [
          {
            op: 'field.create',
            entity: order.id!,
            field: { id: id(), code: 'total', type: 'text' },
          },
        ],
      })
      .catch((e: unknown) => e);
    expect(invalid).toMatchObject({
      code: 'UNPROCESSABLE_CONTENT',
      message: expect.stringContaining("'total' is defined twice"),
    });
  });

  it('checks each operation’s permission: a model reader changes nothing, not even the layout', async () => {
    const services_ = services();
    const reader_ = await createUserWithGrants(t.db, {
      project: 'ops',
      role: 'model_reader',
      email: 'reader@example.com',
      grants: [],
      permissions: ['entity:read'],
    });
    const readerCaller = createCaller(contextFor(services_, await principalFor(t.db, reader_)));
    const current = await readerCaller.project.get({ code: 'ops' });
    const order = entity(current.draft, 'order');
    const ops: ModelOp[] = [{ op: 'layout.move', positions: { [order.id!]: { x: 0, y: 0 } } }];
    await expect(readerCaller.model.edit({ project: 'ops', ops })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      readerCaller.model.edit({ project: 'ops', ops: [{ op: 'entity.delete', id: order.id! }] }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('entity:delete'),
    });
  });
});

describe('live events of a draft', () => {
  it('delivers another modeler’s change within a second, presence, and resumes after the last event', async () => {
    const ana = await callerAs(services(), ['modeler']);
    const bo = await callerAs(services(), ['modeler']);
    const events = reader(
      await ana.caller.model.events({ project: 'ops', clientId: 'tab-ana-0002' }),
    );
    expect(data(await events.next())).toMatchObject({ type: 'ready' });
    const current = await bo.caller.project.get({ code: 'ops' });
    const customer = entity(current.draft, 'customer');
    const started = Date.now();
    const saved = await bo.caller.model.edit({
      project: 'ops',
      clientId: 'tab-bo-00002',
      ops: [{ op: 'entity.update', id: customer.id!, changes: { category: 'People' } }],
    });
    const change = data(await events.until((e) => data(e).type === 'change', 1000));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(change).toMatchObject({
      id: saved.changeId,
      revision: saved.revision,
      clientId: 'tab-bo-00002',
      ops: [{ op: 'entity.update', changes: { category: 'People' } }],
      actor: { name: bo.user!.email.split('@')[0] },
    });

    await bo.caller.model.presence({
      project: 'ops',
      clientId: 'tab-bo-00002',
      selection: [customer.id!],
    });
    expect(data(await events.until((e) => data(e).type === 'presence'))).toMatchObject({
      clientId: 'tab-bo-00002',
      selection: [customer.id],
      user: { name: bo.user!.email.split('@')[0] },
    });
    await events.close();

    // Reconnecting with the last event's id: what was saved meanwhile arrives first.
    const missed = await bo.caller.model.edit({
      project: 'ops',
      ops: [{ op: 'entity.update', id: customer.id!, changes: { category: 'Parties' } }],
    });
    const resumed = reader(
      await ana.caller.model.events({ project: 'ops', lastEventId: saved.changeId }),
    );
    expect(data(await resumed.next())).toMatchObject({ type: 'ready' });
    expect(data(await resumed.next())).toMatchObject({ type: 'change', id: missed.changeId });
    await resumed.close();
  });

  it('announces a subscriber leaving', async () => {
    const ana = await callerAs(services(), ['modeler']);
    const bo = await callerAs(services(), ['modeler']);
    const watching = reader(
      await ana.caller.model.events({ project: 'ops', clientId: 'tab-ana-0003' }),
    );
    await watching.next();
    const leaving = reader(
      await bo.caller.model.events({ project: 'ops', clientId: 'tab-bo-00003' }),
    );
    await leaving.next();
    await leaving.close();
    expect(data(await watching.until((e) => data(e).type === 'presence'))).toMatchObject({
      clientId: 'tab-bo-00003',
      leaving: true,
    });
    await watching.close();
  });
});
