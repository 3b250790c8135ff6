/**
 * A "sales" role on the shop runtime, for the data permission tests: Sally and Sam hold it,
 * reading only the orders they created (total, customer) and customers' names, creating orders
 * under 1000. `grant` changes the role's grants and waits until the runtime has loaded them.
 * Each test file that calls `useSales()` gets its own runtime and database.
 */
import { client } from '@tessera/contract';
import { createSession } from '@tessera/auth';
import { callerAs, seedUser, testServices } from '@tessera/api/testing';
import { afterAll, beforeAll } from 'vitest';

import { type ShopRuntime, startShopRuntime } from './shop-runtime';

interface Sales {
  shop: ShopRuntime;
  admin: Awaited<ReturnType<typeof callerAs>>['caller'];
  salesRoleId: string;
  sally: { id: string; token: string };
  sam: { id: string; token: string };
}

/** Filled in before the file's first test. */
export const sales = {} as Sales;

export const request = (method: string, path: string, token: string, body?: unknown) =>
  client(sales.shop.base)(method, path, { token, body });
export const get = (path: string, token: string) => request('GET', path, token);

/** Runs a permission change and waits until the runtime has loaded it. */
export async function change<T>(action: () => Promise<T>): Promise<T> {
  const reloaded = new Promise((resolve) => sales.shop.cache.once('reload', resolve));
  const result = await action();
  await reloaded;
  return result;
}

export const grant = (
  entity: string,
  action: 'read' | 'create' | 'update' | 'delete',
  rowFilter: Record<string, unknown> | null = null,
  fields: string[] | null = null,
) =>
  change(() =>
    sales.admin.dataPermission.set({
      project: 'shop',
      roleId: sales.salesRoleId,
      entity,
      action,
      rowFilter,
      fields,
    }),
  );

export const mine = { created_by: { _eq: '$CURRENT_USER' } };

export function useSales() {
  beforeAll(async () => {
    sales.shop = await startShopRuntime();
    const services = testServices(sales.shop.t.db);
    ({ caller: sales.admin } = await callerAs(services, ['admin']));
    const role = await sales.admin.role.create({ code: 'sales', name: 'Sales', permissions: [] });
    sales.salesRoleId = role.id;
    for (const who of ['sally', 'sam'] as const) {
      const user = await seedUser(sales.shop.t.db, ['sales'], { email: `${who}@example.com` });
      const { token } = await createSession({ db: sales.shop.t.db }, user.id);
      sales[who] = { id: user.id, token };
    }
    await grant('order', 'read', mine, ['total', 'customer']);
    await grant('order', 'create', { total: { _lt: 1000 } });
    await grant('customer', 'read', null, ['name']);
  }, 60_000);

  afterAll(async () => {
    await sales.shop?.stop();
  });
}
