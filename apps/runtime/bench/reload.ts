/**
 * How soon a published change is served: a field is added to `bench.customer` and published
 * (the table altered, a new version recorded, the runtimes notified, as a publish does in one
 * transaction), then the runtime is asked for the field until it answers. Timed from the commit,
 * while a read load runs.
 */
import { assignIds, validateDocument, withJunctionEntities } from '@tessera/meta';
import pg from 'pg';

import { MODEL } from './dataset';

export const RELOAD_TARGET_MS = 1_000;

export async function measureReload(options: {
  url: string;
  port: number;
  token: string;
  customerId: string;
  rounds: number;
}): Promise<number[]> {
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  const fields = [...MODEL.entities[0]!.fields];
  const timings: number[] = [];
  try {
    for (let round = 1; round <= options.rounds; round++) {
      const code = `nickname_${round}`;
      fields.push({ code, type: 'string', length: 40 } as (typeof fields)[number]);
      const parsed = validateDocument({
        ...MODEL,
        entities: [{ ...MODEL.entities[0]!, fields }, ...MODEL.entities.slice(1)],
      });
      if (!parsed.ok) throw new Error('invalid reload model');
      const doc = assignIds(withJunctionEntities(parsed.document), null);
      const version = round + 1;
      await client.query('BEGIN');
      await client.query(`ALTER TABLE bench.customer ADD COLUMN "${code}" varchar(40)`);
      await client.query(
        `INSERT INTO meta_versions (id, project_id, version, document, plan) SELECT gen_random_uuid(), id, $1, $2, '{}' FROM meta_projects WHERE code = 'bench'`,
        [version, JSON.stringify(doc)],
      );
      await client.query(`UPDATE meta_projects SET published_version = $1 WHERE code = 'bench'`, [
        version,
      ]);
      await client.query(`NOTIFY tessera_metadata, 'bench'`);
      await client.query('COMMIT');
      const committed = performance.now();
      for (;;) {
        const res = await fetch(
          `http://127.0.0.1:${options.port}/api/v1/bench/customer/${options.customerId}?fields=${code}`,
          { headers: { authorization: `Bearer ${options.token}` } },
        );
        await res.arrayBuffer();
        if (res.status === 200) break;
        if (performance.now() - committed > 10_000) throw new Error(`${code} not served in 10 s`);
        await new Promise((r) => setTimeout(r, 5));
      }
      timings.push(performance.now() - committed);
    }
  } finally {
    await client.end();
  }
  return timings;
}
