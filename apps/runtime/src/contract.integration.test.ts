/** The runtime passes the data API's contract (the suite ejected code will also have to pass). */
import { CONTRACT_MODEL, defineContractSuite } from '@tessera/contract';

import { contractTarget } from './test/contract-target';
import { startShopRuntime } from './test/shop-runtime';

defineContractSuite('runtime', async () =>
  contractTarget(
    await startShopRuntime({
      document: CONTRACT_MODEL,
      rateLimitPerMinute: 100_000,
      pool: { max: 4, connectionTimeoutMillis: 500 },
    }),
  ),
);
