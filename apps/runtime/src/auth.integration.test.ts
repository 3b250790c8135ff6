/** Cached principals are forgotten as soon as a change is announced. */
import { callerAs, testServices } from '@tessera/api/testing';
import { AUTH_CHANNEL } from '@tessera/auth';
import { describe, expect, it } from 'vitest';

import { useShopRuntime } from './test/shop-runtime';

const shop = useShopRuntime();

const status = async (token: string) =>
  (await fetch(`${shop.base}/api/v1/shop/tag`, { headers: { authorization: `Bearer ${token}` } }))
    .status;

/** Resolves when the runtime's listener has heard an authentication change. */
const announced = () =>
  new Promise<void>((resolve) =>
    shop.cache.listener.on('notification', (channel) => {
      if (channel === AUTH_CHANNEL) resolve();
    }),
  );

describe('authentication cache', () => {
  it('refuses a disabled user on the request after the announcement', async () => {
    expect(await status(shop.viewerToken)).toBe(200);
    const { caller: admin } = await callerAs(testServices(shop.t.db), ['admin']);
    const viewer = await shop.t.db.user.findUniqueOrThrow({ where: { email: 'v@example.com' } });
    const heard = announced();
    await admin.user.setStatus({ id: viewer.id, status: 'disabled' });
    await heard;
    expect(await status(shop.viewerToken)).toBe(401);
  });
});
