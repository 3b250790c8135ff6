/**
 * A runtime serving the contract model beside the ejected service built from it, on one
 * database, and a way to switch an entity between them as a publish of its mode would.
 */
import { startEjectedService, type EjectedService } from '@tessera/codegen/testing';
import { CONTRACT_MODEL } from '@tessera/contract';

import { ServiceHealth } from '../forward/service-health';
import { reloadMetadata } from './contract-target';
import { type ShopRuntime, startShopRuntime } from './shop-runtime';

export interface Coexistence {
  shop: ShopRuntime;
  ejected: EjectedService;
  health: ServiceHealth;
  /** Serves `entity` from the service (`ejected`) or the runtime, once the runtime has reloaded. */
  setMode: (entity: string, mode: 'ejected' | 'interpreted') => Promise<void>;
  /** Who answered a request for `entity`: the service (Express) or the runtime. */
  servedBy: (entity: string) => Promise<'service' | 'runtime'>;
  stop: () => Promise<void>;
}

export async function startCoexistence(): Promise<Coexistence> {
  const health = new ServiceHealth({ intervalMs: 200 });
  const shop = await startShopRuntime({
    document: CONTRACT_MODEL,
    rateLimitPerMinute: 100_000,
    pool: { max: 4, connectionTimeoutMillis: 500 },
    services: health,
  });
  const ejected = await startEjectedService(CONTRACT_MODEL, { onPlatform: shop.t });
  const setMode = async (entity: string, mode: 'ejected' | 'interpreted') => {
    const { rows } = await shop.pool.query<{ document: Record<string, any> }>(
      `SELECT v.document FROM meta_versions v JOIN meta_projects p ON p.id = v.project_id
        WHERE p.code = 'shop' AND v.version = p.published_version`,
    );
    const document = rows[0]!.document;
    document.service = { url: ejected.base };
    const target = document.entities.find((e: { code: string }) => e.code === entity);
    if (mode === 'ejected') target.mode = 'ejected';
    else delete target.mode;
    await shop.pool.query(
      `UPDATE meta_versions v SET document = $1 FROM meta_projects p
        WHERE p.id = v.project_id AND p.code = 'shop' AND v.version = p.published_version`,
      [JSON.stringify(document)],
    );
    await reloadMetadata(shop);
  };
  const servedBy = async (entity: string) => {
    const res = await fetch(`${shop.base}/api/v1/shop/${entity}?perPage=1`, {
      headers: { authorization: `Bearer ${shop.adminToken}` },
    });
    await res.body?.cancel();
    return res.headers.get('x-powered-by') === 'Express' ? 'service' : 'runtime';
  };
  return {
    shop,
    ejected,
    health,
    setMode,
    servedBy,
    stop: async () => {
      health.close();
      await ejected.stop();
      await shop.stop();
    },
  };
}
