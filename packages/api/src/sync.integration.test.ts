import { createSession } from '@tessera/auth';
import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { handleSyncBatch, handleSyncChanges, handleSyncEntity } from './http/sync';
import { callerAs, seedUser, testServices } from './test/fixtures';

let t: TestDatabase;
let token: string;
let viewerToken: string;
const info = { requestId: 'sync-test', ip: '127.0.0.1' };

beforeAll(async () => {
  t = await createTestDatabase();
  const modeler = await seedUser(t.db, ['modeler']);
  token = (await createSession({ db: t.db }, modeler.id)).token;
  viewerToken = (await createSession({ db: t.db }, (await seedUser(t.db, ['viewer'])).id)).token;
  const { caller } = await callerAs(testServices(t.db, { databaseUrl: t.url }), ['modeler']);
  await caller.project.create({ code: 'crm', name: 'CRM' });
});
afterAll(() => t.drop());

const post = (path: string, body: unknown, bearer = token) =>
  new Request(`http://console${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('sync endpoints', () => {
  it('applies entity writes based on the current revision, and refuses stale ones with 409', async () => {
    const services = testServices(t.db, { databaseUrl: t.url });
    const created = await handleSyncEntity(
      services,
      post('/api/sync/entity', {
        project: 'crm',
        entity: { code: 'lead', fields: [{ code: 'name', type: 'text' }] },
        operation: 'create',
        timestamp: new Date().toISOString(),
        baseRevision: 1,
      }),
      info,
    );
    expect(created.status).toBe(200);
    expect(await created.json()).toEqual({ status: 0, msg: '', data: { revision: 2 } });

    const stale = await handleSyncEntity(
      services,
      post('/api/sync/entity', {
        project: 'crm',
        entity: { code: 'lead', fields: [] },
        operation: 'update',
        timestamp: Date.now(),
        baseRevision: 1,
      }),
      info,
    );
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ status: 409, currentRevision: 2 });

    const updated = await handleSyncEntity(
      services,
      post('/api/sync/entity', {
        project: 'crm',
        entity: {
          code: 'lead',
          fields: [
            { code: 'name', type: 'text' },
            { code: 'score', type: 'integer' },
          ],
        },
        operation: 'update',
        timestamp: Date.now(),
        baseRevision: 2,
      }),
      info,
    );
    expect(await updated.json()).toMatchObject({ data: { revision: 3 } });
  });

  it('replaces the model in a batch, and validates it', async () => {
    const services = testServices(t.db, { databaseUrl: t.url });
    const batch = await handleSyncBatch(
      services,
      post('/api/sync/batch', {
        project: 'crm',
        entities: [
          { code: 'lead', fields: [] },
          { code: 'account', fields: [] },
        ],
        relationships: [
          {
            code: 'lead_account',
            type: 'many-to-one',
            from: 'lead',
            to: 'account',
            field: 'account',
          },
        ],
        syncTimestamp: Date.now(),
        baseRevision: 3,
      }),
      info,
    );
    expect(await batch.json()).toMatchObject({
      status: 0,
      data: { revision: 4, entities: 2, relationships: 1 },
    });
    const invalid = await handleSyncBatch(
      services,
      post('/api/sync/batch', {
        project: 'crm',
        entities: [{ code: 'select', fields: [] }],
        relationships: [],
        syncTimestamp: Date.now(),
        baseRevision: 4,
      }),
      info,
    );
    expect(invalid.status).toBe(422);
  });

  it('lists changes since a time, and checks who asks', async () => {
    const services = testServices(t.db, { databaseUrl: t.url });
    const since = new Date(Date.now() - 60_000).toISOString();
    const res = await handleSyncChanges(
      services,
      new Request(
        `http://console/api/sync/changes?since=${encodeURIComponent(since)}&project=crm`,
        { headers: { authorization: `Bearer ${token}` } },
      ),
      info,
    );
    const body = (await res.json()) as {
      data: { changes: { operation: string; revision: number }[] };
    };
    expect(
      body.data.changes.map(
        (c: { operation: string; revision: number }) => `${c.revision}:${c.operation}`,
      ),
    ).toEqual(['1:project.create', '2:sync.entity.create', '3:sync.entity.update', '4:sync.batch']);
    const future = await handleSyncChanges(
      services,
      new Request(`http://console/api/sync/changes?since=${Date.now() + 60_000}`, {
        headers: { authorization: `Bearer ${token}` },
      }),
      info,
    );
    expect(((await future.json()) as { data: { changes: unknown[] } }).data.changes).toEqual([]);

    expect(
      (
        await handleSyncChanges(
          services,
          new Request('http://console/api/sync/changes?since=x', {
            headers: { authorization: `Bearer ${token}` },
          }),
          info,
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await handleSyncChanges(
          services,
          new Request(`http://console/api/sync/changes?since=${since}`),
          info,
        )
      ).status,
    ).toBe(401);
    const viewer = await handleSyncEntity(
      services,
      post(
        '/api/sync/entity',
        {
          project: 'crm',
          entity: { code: 'x1', fields: [] },
          operation: 'create',
          timestamp: Date.now(),
          baseRevision: 4,
        },
        viewerToken,
      ),
      info,
    );
    expect(viewer.status).toBe(403);
  });

  it('saves a whole entity as the operations of what changed, as the designer’s edits are', async () => {
    const services = testServices(t.db, { databaseUrl: t.url });
    const { caller } = await callerAs(services, ['modeler']);
    const before = await caller.project.get({ code: 'crm' });
    const lead = before.draft.entities.find((e) => e.code === 'lead')!;
    const res = await handleSyncEntity(
      services,
      post('/api/sync/entity', {
        project: 'crm',
        entity: {
          ...lead,
          name: 'Lead',
          fields: [...lead.fields, { code: 'phone', type: 'text' }],
        },
        operation: 'update',
        timestamp: Date.now(),
        baseRevision: before.draftRevision,
      }),
      info,
    );
    expect(res.status).toBe(200);
    const logged = await t.db.metaChange.findFirstOrThrow({
      orderBy: { id: 'desc' },
      select: { operation: true, ops: true, keys: true },
    });
    expect(logged.operation).toBe('sync.entity.update');
    expect(logged.ops).toEqual([
      { op: 'entity.update', id: lead.id, changes: { name: 'Lead' } },
      expect.objectContaining({
        op: 'field.create',
        entity: lead.id,
        field: expect.objectContaining({ code: 'phone' }),
      }),
    ]);
    expect(logged.keys).toContain(`e:${lead.id}.name`);
  });
});
