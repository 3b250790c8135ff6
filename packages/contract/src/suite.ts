/**
 * The data API's contract, over HTTP only: routes, status codes and amis's envelope on the shop
 * model (CONTRACT_MODEL, published and empty). An implementation passes it by starting itself
 * and handing over its base URL and three callers' tokens.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';

import { accessContract } from './access';
import { filesContract } from './files';
import { readsContract } from './reads';
import { type ContractSession, type ContractTarget, openSession } from './session';
import { surroundingsContract } from './surroundings';
import { writesContract } from './writes';

export type { ContractTarget } from './session';

export interface ContractSuiteOptions {
  /** How long `start` may take (an ejected service is installed and built first). */
  startTimeoutMs?: number;
  /**
   * Tests the implementation does not pass yet, by name: each must fail (`it.fails`), so one
   * that starts passing fails the run until it is taken off the list.
   */
  pending?: readonly string[];
}

export function defineContractSuite(
  label: string,
  start: () => Promise<ContractTarget>,
  options: ContractSuiteOptions = {},
) {
  describe(`data API contract: ${label}`, () => {
    // Filled in before the first test; the sections read it when their tests run.
    const pending = new Set(options.pending);
    const named = new Set<string>();
    const s = {
      it: (name, fn) => {
        named.add(name);
        return pending.has(name) ? it.fails(name, fn) : it(name, fn);
      },
    } as ContractSession;

    beforeAll(async () => {
      // The sections' tests are all defined by now.
      const unknown = [...pending].filter((name) => !named.has(name));
      if (unknown.length) throw new Error(`No contract test is named ${unknown.join(', ')}`);
      Object.assign(s, openSession(await start()));
      const { admin, created, ids } = s;
      ids.ada = created(
        await admin.post('/api/v1/shop/customer', { name: 'Ada', email: 'ada@example.com' }),
      );
      ids.bob = created(await admin.post('/api/v1/shop/customer', { name: 'Bob' }));
      ids.red = created(await admin.post('/api/v1/shop/tag', { label: 'red' }));
      ids.order = created(
        await admin.post('/api/v1/shop/order', {
          total: 40,
          status: 'paid',
          customer: ids.ada,
          tags: [ids.red],
        }),
      );
      for (const total of [5, 15, 25])
        created(await admin.post('/api/v1/shop/order', { total, customer: ids.bob }));
    }, options.startTimeoutMs ?? 60_000);
    afterAll(async () => {
      await s.target?.stop();
    });

    readsContract(s);
    accessContract(s);
    writesContract(s);
    filesContract(s);
    surroundingsContract(s);
  });
}
