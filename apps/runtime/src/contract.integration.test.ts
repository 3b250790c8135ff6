/** The runtime passes the data API's contract (the suite ejected code will also have to pass). */
import { CONTRACT_MODEL, defineContractSuite } from '@tessera/contract';

import { startShopRuntime } from './test/shop-runtime';

defineContractSuite('runtime', async () => {
  const shop = await startShopRuntime({
    document: CONTRACT_MODEL,
    rateLimitPerMinute: 100_000,
    pool: { max: 4, connectionTimeoutMillis: 500 },
  });
  return {
    base: shop.base,
    admin: shop.adminToken,
    reader: shop.viewerToken,
    stranger: shop.outsiderToken,
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
