/** Relation changes happen in place: renames, delete rules and cardinality keep the links. */
import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ModelDocument } from '../document';
import { validateDocument } from '../serialize';
import { assignIds } from './ids';
import { planChanges } from './planner';
import { publish } from './publish';

let t: TestDatabase;
let client: pg.Client;
let published: ModelDocument;

function doc(input: unknown): ModelDocument {
  const result = validateDocument(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.document;
}

const edit = (change: (d: ModelDocument) => void) => {
  const copy = structuredClone(published);
  change(copy);
  return doc(copy);
};

async function kinds(draft: ModelDocument) {
  return (await planChanges({ db: client, published, draft })).steps.map((s) => [
    s.kind,
    s.risk,
    s.rows ?? null,
  ]);
}

/** Definitions of the indexes in the default list order's shape on a table of `links`. */
async function listIndexes(table: string) {
  const { rows } = await client.query<{ def: string }>(
    `SELECT indexdef AS def FROM pg_indexes WHERE schemaname = 'links' AND tablename = $1 AND indexdef LIKE '%(created_at DESC, id)%'`,
    [table],
  );
  return rows.map((r) => r.def);
}
const listIndexNames = async (table: string) =>
  (await listIndexes(table)).map((def) => /INDEX (\S+) ON/.exec(def)![1]!);

async function apply(draft: ModelDocument) {
  await publish({ db: client, published, draft, confirm: [] });
  published = draft;
}

beforeAll(async () => {
  t = await createTestDatabase();
  client = new pg.Client({ connectionString: t.url });
  await client.connect();
  const first = assignIds(
    doc({
      project: 'links',
      entities: [
        { code: 'customer', fields: [{ code: 'name', type: 'text' }] },
        { code: 'purchase', fields: [{ code: 'total', type: 'integer' }] },
      ],
      relations: [
        {
          code: 'purchase_customer',
          type: 'many-to-one',
          from: 'purchase',
          to: 'customer',
          field: 'customer',
        },
      ],
    }),
    null,
  );
  await publish({ db: client, published: null, draft: first, confirm: [] });
  published = first;
  await client.query(
    `INSERT INTO links.customer (id, name) VALUES ('00000000-0000-4000-8000-000000000001', 'Ada'), ('00000000-0000-4000-8000-000000000002', 'Bob')`,
  );
  await client.query(
    `INSERT INTO links.purchase (total, customer) VALUES (1, '00000000-0000-4000-8000-000000000001'), (2, '00000000-0000-4000-8000-000000000001'), (3, NULL)`,
  );
});
afterAll(async () => {
  await client.end();
  await t.drop();
});

describe('relation changes', () => {
  it('renames the target entity without touching the link', async () => {
    const draft = edit((d) => {
      d.entities[0]!.code = 'client';
      d.relations[0]!.to = 'client';
    });
    expect(await kinds(draft)).toEqual([['rename-entity', 'safe', null]]);
    await apply(draft);
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM links.purchase p JOIN links.client c ON c.id = p.customer`,
    );
    expect(rows[0]).toEqual({ n: 2 });
  });

  it('renames the relation field in place', async () => {
    const draft = edit((d) => {
      d.relations[0]!.field = 'buyer';
    });
    expect(await kinds(draft)).toEqual([['rename-field', 'safe', null]]);
    await apply(draft);
    const { rows } = await client.query(`SELECT count(buyer)::int AS n FROM links.purchase`);
    expect(rows[0]).toEqual({ n: 2 });
  });

  it('changes the delete rule by replacing only the constraint', async () => {
    const draft = edit((d) => {
      d.relations[0]!.onDelete = 'cascade';
    });
    expect(await kinds(draft)).toEqual([['relation-on-delete', 'safe', null]]);
    await apply(draft);
    await client.query(`DELETE FROM links.client WHERE name = 'Ada'`);
    const { rows } = await client.query(`SELECT total FROM links.purchase ORDER BY total`);
    expect(rows).toEqual([{ total: 3 }]);
  });

  it('blocks requiring the link while rows lack one', async () => {
    const draft = edit((d) => {
      d.relations[0]!.required = true;
      d.relations[0]!.onDelete = 'cascade';
    });
    expect(await kinds(draft)).toEqual([['require-field', 'blocked', 1]]);
  });

  it('checks for shared targets before making the link one-to-one', async () => {
    await client.query(
      `INSERT INTO links.purchase (total, buyer) VALUES (4, '00000000-0000-4000-8000-000000000002'), (5, '00000000-0000-4000-8000-000000000002')`,
    );
    const draft = edit((d) => {
      d.relations[0]!.type = 'one-to-one';
    });
    expect(await kinds(draft)).toEqual([['add-unique', 'blocked', 2]]);
    await client.query(`DELETE FROM links.purchase WHERE total = 5`);
    expect(await kinds(draft)).toEqual([['add-unique', 'safe', null]]);
    await apply(draft);
    await expect(
      client.query(
        `INSERT INTO links.purchase (total, buyer) VALUES (6, '00000000-0000-4000-8000-000000000002')`,
      ),
    ).rejects.toMatchObject({ code: '23505' });
  });
});

describe('system fields', () => {
  it('adds an optional system column with its default, and moves a removed one to the trash', async () => {
    const off = edit((d) => {
      d.entities[1]!.systemFields = ['created_at', 'updated_at'];
    });
    const steps = (await planChanges({ db: client, published, draft: off })).steps;
    expect(steps.map((s) => [s.kind, s.risk])).toEqual([
      ['drop-field', 'needs-confirmation'],
      ['drop-field', 'needs-confirmation'],
      ['drop-field', 'needs-confirmation'],
    ]);
    await publish({ db: client, published, draft: off, confirm: steps.map((s) => s.id) });
    published = off;
    const on = edit((d) => {
      d.entities[1]!.systemFields = ['created_at', 'updated_at', 'version'];
    });
    expect(await kinds(on)).toEqual([['add-field', 'safe', null]]);
    await apply(on);
    const { rows } = await client.query(`SELECT DISTINCT version FROM links.purchase`);
    expect(rows).toEqual([{ version: 1 }]);
  });
});

describe('soft delete', () => {
  it('makes unique values unique among live rows, and refuses to bring deleted rows back', async () => {
    const unique = edit((d) => {
      d.entities[0]!.fields[0] = { ...d.entities[0]!.fields[0]!, unique: true };
    });
    await apply(unique);
    const on = edit((d) => {
      d.entities[0]!.softDelete = true;
    });
    // The default order's index then covers live rows only.
    expect(await kinds(on)).toEqual([
      ['soft-delete', 'safe', null],
      ['add-index', 'safe', null],
    ]);
    await apply(on);
    expect(await listIndexes('client')).toEqual([
      expect.stringMatching(/\(created_at DESC, id\) WHERE \(deleted_at IS NULL\)$/),
    ]);
    await client.query(`UPDATE links.client SET deleted_at = now() WHERE name = 'Bob'`);
    await client.query(`INSERT INTO links.client (name) VALUES ('Bob')`);
    const off = edit((d) => {
      d.entities[0]!.softDelete = false;
    });
    expect(await kinds(off)).toEqual([
      ['drop-field', 'blocked', 1],
      ['add-index', 'safe', null],
    ]);
  });
});

describe('the default order index', () => {
  it('comes with every table, is added once to a table without it, and follows a rename', async () => {
    expect(await listIndexes('client')).toHaveLength(1);
    await client.query(`DROP INDEX links.${(await listIndexNames('client'))[0]}`);
    const unchanged = edit(() => undefined);
    expect(await kinds(unchanged)).toEqual([['add-index', 'safe', null]]);
    await apply(unchanged);
    expect(await listIndexes('client')).toHaveLength(1);
    expect(await kinds(edit(() => undefined))).toEqual([]);
    const renamed = edit((d) => {
      d.entities[0]!.code = 'patron';
      for (const r of d.relations) {
        if (r.from === 'client') r.from = 'patron';
        if (r.to === 'client') r.to = 'patron';
      }
    });
    expect((await kinds(renamed)).map(([kind]) => kind)).not.toContain('add-index');
  });
});
