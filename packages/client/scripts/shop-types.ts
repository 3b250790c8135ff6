/**
 * The TypeScript the runtime serves for the contract's shop model to a caller who may do
 * everything: the fixture the client's type tests and integration test use.
 */
import { CONTRACT_MODEL } from '@tessera/contract';
import { validateDocument } from '@tessera/meta';
import { formattedTypesModule } from '@tessera/runtime-core';

export async function shopTypes(): Promise<string> {
  const parsed = validateDocument(CONTRACT_MODEL);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const text = await formattedTypesModule({
    overview: {
      models: new Map([['shop', { project: 'shop', version: 1, document: parsed.document }]]),
      grants: new Map(),
      settings: new Map(),
      loadedAt: new Date(0),
    },
    caller: {
      userId: 'fixture',
      roles: [],
      permissions: new Set(['data:read', 'data:create', 'data:update', 'data:delete']),
    },
    project: 'shop',
  });
  return text!;
}

export const SHOP_TYPES_FILE = new URL('../src/fixtures/shop.types.ts', import.meta.url);
