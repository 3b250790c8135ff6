import { createTestDatabase, type TestDatabase } from '@tessera/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MetadataCache } from './cache';
import { servedVersions } from './overview';

let t: TestDatabase;
let pool: pg.Pool;
const caches: MetadataCache[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  pool = new pg.Pool({ connectionString: t.url, max: 4 });
});
afterAll(async () => {
  await Promise.all(caches.map((c) => c.stop()));
  await pool.end();
  await t.drop();
});

const doc = (fields: string[]) => ({
  project: 'shop',
  entities: [{ code: 'customer', fields: fields.map((code) => ({ code, type: 'text' })) }],
  relations: [],
});

async function publishVersion(version: number, fields: string[]) {
  await pool.query(
    `INSERT INTO meta_projects (id, code, name, draft, updated_at) VALUES (gen_random_uuid(), 'shop', 'Shop', $1, now())
     ON CONFLICT (code) DO NOTHING`,
    [JSON.stringify(doc(fields))],
  );
  await pool.query(
    `INSERT INTO meta_versions (id, project_id, version, document, plan) SELECT gen_random_uuid(), id, $1, $2, '{}' FROM meta_projects WHERE code = 'shop'`,
    [version, JSON.stringify(doc(fields))],
  );
  await pool.query(`UPDATE meta_projects SET published_version = $1 WHERE code = 'shop'`, [
    version,
  ]);
  await pool.query(`SELECT pg_notify('tessera_metadata', $1)`, [
    JSON.stringify({ project: 'shop', version }),
  ]);
}

async function until(check: () => boolean, timeoutMs = 1_000): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - started;
}

describe('metadata cache', () => {
  it('serves the published models and switches within a second of a publish, in every process', async () => {
    const a = new MetadataCache({ pool, databaseUrl: t.url });
    const b = new MetadataCache({ pool, databaseUrl: t.url });
    caches.push(a, b);
    await Promise.all([a.start(), b.start()]);
    expect(servedVersions(a.current())).toEqual({});

    await publishVersion(1, ['name']);
    await until(
      () =>
        a.current().models.get('shop')?.version === 1 &&
        b.current().models.get('shop')?.version === 1,
    );

    const before = a.current();
    await publishVersion(2, ['name', 'email']);
    await until(
      () => servedVersions(a.current()).shop === 2 && servedVersions(b.current()).shop === 2,
    );
    // The old overview is untouched: requests that captured it finish on it.
    expect(before.models.get('shop')?.version).toBe(1);
    expect(
      a
        .current()
        .models.get('shop')
        ?.document.entities[0]?.fields.map((f) => f.code),
    ).toEqual(['name', 'email']);
  });

  it('reconnects and reloads after its listening connection is killed', async () => {
    const cache = new MetadataCache({ pool, databaseUrl: t.url, onError: () => undefined });
    caches.push(cache);
    await cache.start();
    await pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'tessera-runtime-listen' AND datname = current_database()`,
    );
    await publishVersion(3, ['name']);
    await until(() => servedVersions(cache.current()).shop === 3, 5_000);
  });
});
