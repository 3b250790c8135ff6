/**
 * One URL, either mode: the data API's contract passes against the runtime with `customer`
 * ejected (its requests forwarded to the service built from the model, on the same database)
 * and `order` and `tag` interpreted: expansions across the two, filters through relations,
 * writes on both sides, the change stream and permissions all hold.
 */
import { createSession } from '@tessera/auth';
import { startEjectedService, type EjectedService } from '@tessera/codegen/testing';
import { CONTRACT_MODEL, defineContractSuite, RESTRICTED_GRANTS } from '@tessera/contract';
import { createUserWithGrants } from '@tessera/db/testing';

import { ServiceHealth } from './forward/service-health';
import { startShopRuntime } from './test/shop-runtime';

defineContractSuite('runtime with customer ejected', async () => {
  const health = new ServiceHealth({ intervalMs: 200 });
  const shop = await startShopRuntime({
    document: CONTRACT_MODEL,
    rateLimitPerMinute: 100_000,
    pool: { max: 4, connectionTimeoutMillis: 500 },
    services: health,
  });
  const ejected: EjectedService = await startEjectedService(CONTRACT_MODEL, { onPlatform: shop.t });
  const restrictedId = await createUserWithGrants(shop.t.db, {
    project: 'shop',
    role: 'shop_clerk',
    email: 'clerk@example.com',
    grants: RESTRICTED_GRANTS,
  });
  // The published model, as a publish of the mode switch leaves it: customer is the service's.
  const reload = async (change: (doc: Record<string, any>) => void) => {
    const { rows } = await shop.pool.query<{ document: Record<string, any> }>(
      `SELECT v.document FROM meta_versions v JOIN meta_projects p ON p.id = v.project_id
        WHERE p.code = 'shop' AND v.version = p.published_version`,
    );
    const document = rows[0]!.document;
    change(document);
    const reloaded = new Promise((r) => shop.cache.once('reload', r));
    await shop.pool.query(
      `UPDATE meta_versions v SET document = $1 FROM meta_projects p
        WHERE p.id = v.project_id AND p.code = 'shop' AND v.version = p.published_version`,
      [JSON.stringify(document)],
    );
    await shop.pool.query(`SELECT pg_notify('tessera_metadata', '{}')`);
    await reloaded;
  };
  await reload((doc) => {
    doc.service = { url: ejected.base };
    doc.entities.find((e: { code: string }) => e.code === 'customer').mode = 'ejected';
  });
  // Customer requests are the service's now (its answers carry its own headers), tags the runtime's.
  const served = async (entity: string) =>
    (
      await fetch(`${shop.base}/api/v1/shop/${entity}`, {
        headers: { authorization: `Bearer ${shop.adminToken}` },
      })
    ).headers.get('x-powered-by');
  const [customer, tag] = [await served('customer'), await served('tag')];
  if (customer !== 'Express' || tag !== null)
    throw new Error(`customer was served by ${customer}, tag by ${tag}: not forwarded as set`);
  return {
    base: shop.base,
    admin: shop.adminToken,
    reader: shop.viewerToken,
    stranger: shop.outsiderToken,
    restricted: (await createSession({ db: shop.t.db }, restrictedId)).token,
    setRateLimit: async (perMinute) => {
      const reloaded = new Promise((r) => shop.cache.once('reload', r));
      await shop.pool.query(
        `UPDATE system_config SET value = $1 WHERE key = 'runtime.rateLimit.perMinute'`,
        [JSON.stringify(perMinute)],
      );
      await shop.pool.query(`SELECT pg_notify('tessera_metadata', '{}')`);
      // The service reads the same setting; the budget checks run on an interpreted entity.
      await reloaded;
    },
    holdDatabase: async () => {
      const held = await Promise.all([1, 2, 3, 4].map(() => shop.pool.connect()));
      return async () => held.forEach((c) => c.release());
    },
    stop: async () => {
      health.close();
      await ejected.stop();
      await shop.stop();
    },
  };
});
