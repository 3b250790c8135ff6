/**
 * One URL, either mode: the data API's contract passes against the runtime with `customer`
 * ejected (its requests forwarded to the service built from the model, on the same database)
 * and `order` and `tag` interpreted: expansions across the two, filters through relations,
 * writes on both sides, the change stream and permissions all hold. (The budget checks run on
 * an interpreted entity; the service reads the same setting.)
 */
import { defineContractSuite } from '@tessera/contract';

import { startCoexistence } from './test/coexistence';
import { contractTarget } from './test/contract-target';

defineContractSuite('runtime with customer ejected', async () => {
  const both = await startCoexistence();
  await both.setMode('customer', 'ejected');
  const [customer, tag] = [await both.servedBy('customer'), await both.servedBy('tag')];
  if (customer !== 'service' || tag !== 'runtime')
    throw new Error(`customer was served by the ${customer}, tag by the ${tag}: not as set`);
  return contractTarget(both.shop, both.stop);
});
