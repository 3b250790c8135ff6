/**
 * A runtime as the data API's contract suite drives it: its callers (with the restricted
 * caller's grants created), the rate limit it applies, and its pool to hold.
 */
import { createSession } from '@tessera/auth';
import { type ContractTarget, RESTRICTED_GRANTS } from '@tessera/contract';
import { createUserWithGrants } from '@tessera/db/testing';

import type { ShopRuntime } from './shop-runtime';

/** Announces a metadata change and waits until the runtime has reloaded it. */
export async function reloadMetadata(shop: ShopRuntime) {
  const reloaded = new Promise((r) => shop.cache.once('reload', r));
  await shop.pool.query(`SELECT pg_notify('tessera_metadata', '{}')`);
  await reloaded;
}

export async function contractTarget(
  shop: ShopRuntime,
  stop: () => Promise<void> = shop.stop,
): Promise<ContractTarget> {
  const restrictedId = await createUserWithGrants(shop.t.db, {
    project: 'shop',
    role: 'shop_clerk',
    email: 'clerk@example.com',
    grants: RESTRICTED_GRANTS,
  });
  await reloadMetadata(shop);
  return {
    base: shop.base,
    admin: shop.adminToken,
    reader: shop.viewerToken,
    stranger: shop.outsiderToken,
    restricted: (await createSession({ db: shop.t.db }, restrictedId)).token,
    setRateLimit: async (perMinute) => {
      await shop.pool.query(
        `UPDATE system_config SET value = $1 WHERE key = 'runtime.rateLimit.perMinute'`,
        [JSON.stringify(perMinute)],
      );
      await reloadMetadata(shop);
    },
    holdDatabase: async () => {
      const held = await Promise.all([1, 2, 3, 4].map(() => shop.pool.connect()));
      return async () => held.forEach((c) => c.release());
    },
    stop,
  };
}
