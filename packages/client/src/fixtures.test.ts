/** The shop types fixture is what the runtime serves for the contract model today. */
import { readFile } from 'node:fs/promises';

import { expect, it } from 'vitest';

import { SHOP_TYPES_FILE, shopTypes } from '../scripts/shop-types';

it('matches the generator (run `pnpm --filter @tessera/client fixtures` after changing it)', async () => {
  expect(await readFile(SHOP_TYPES_FILE, 'utf8')).toBe(await shopTypes());
});
