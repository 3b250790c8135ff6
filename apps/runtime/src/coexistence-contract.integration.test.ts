/**
 * One URL, either mode: the data API's contract passes against the runtime with `customer`
 * ejected (its requests forwarded to the service built from the model, on the same database)
 * and `order` and `tag` interpreted: expansions across the two, filters through relations,
 * writes on both sides, the change stream and permissions all hold.
 */
import { createSession } from '@tessera/auth';
import { defineContractSuite, RESTRICTED_GRANTS } from '@tessera/contract';
import { createUserWithGrants } from '@tessera/db/testing';

import { startCoexistence } from './test/coexistence';

defineContractSuite('runtime with customer ejected', async () => {
  const both = await startCoexistence();
  const { shop } = both;
  const restrictedId = await createUserWithGrants(shop.t.db, {
    project: 'shop',
    role: 'shop_clerk',
    email: 'clerk@example.com',
    grants: RESTRICTED_GRANTS,
  });
  await both.setMode('customer', 'ejected');
  const [customer, tag] = [await both.servedBy('customer'), await both.servedBy('tag')];
  if (customer !== 'service' || tag !== 'runtime')
    throw new Error(`customer was served by the ${customer}, tag by the ${tag}: not as set`);
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
    stop: both.stop,
  };
});
