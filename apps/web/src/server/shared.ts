/**
 * What the custom server (`server.ts`, outside Next's bundle) makes before Next starts and the
 * services (inside the bundle) use: one process, so they meet on `globalThis`.
 */
import type { ApiServices } from '@tessera/api';

export type Shared = Pick<ApiServices, 'documents' | 'codegen'>;

const store = globalThis as unknown as { tesseraShared?: Shared };

export function shareWithServices(shared: Shared) {
  store.tesseraShared = shared;
}

export const sharedServices = (): Shared => store.tesseraShared ?? {};
