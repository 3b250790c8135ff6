/** The runtime passes the data API's contract (the suite ejected code will also have to pass). */
import { createSession } from '@tessera/auth';
import { CONTRACT_MODEL, defineContractSuite, RESTRICTED_GRANTS } from '@tessera/contract';
import { createUserWithGrants } from '@tessera/db/testing';

import { startShopRuntime } from './test/shop-runtime';

defineContractSuite('runtime', async () => {
  const shop = await startShopRuntime({
    document: CONTRACT_MODEL,
    rateLimitPerMinute: 100_000,
    pool: { max: 4, connectionTimeoutMillis: 500 },
  });
  const restrictedId = await createUserWithGrants(shop.t.db, {
    project: 'shop',
    role: 'shop_clerk',
    email: 'clerk@example.com',
    grants: RESTRICTED_GRANTS,
  });
  const reloaded = new Promise((r) => shop.cache.once('reload', r));
  await shop.pool.query(`SELECT pg_notify('tessera_metadata', '{}')`);
  await reloaded;
  return {
    base: shop.base,
    admin: shop.adminToken,
    reader: shop.viewerToken,
    stranger: shop.outsiderToken,
    restricted: (await createSession({ db: shop.t.db }, restrictedId)).token,
    setRateLimit: async (perMinute) => {
      const reloaded = new Promise((r) => shop.cache.once('reload', r));
      await shop.pool.query(
        `UPDATE system_config SET value = $1 WHERE key = 'runtime.rateLimit.perMinute'; `,
        [JSON.stringify(perMinute)],
      );
      await shop.pool.query(`SELECT pg_notify('tessera_metadata', '{}')`);
      await reloaded;
    },
    holdDatabase: async () => {
      const held = await Promise.all([1, 2, 3, 4].map(() => shop.pool.connect()));
      return async () => held.forEach((c) => c.release());
    },
    stop: shop.stop,
  };
});
