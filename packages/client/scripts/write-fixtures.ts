/** `pnpm fixtures`: writes src/fixtures/shop.types.ts again (after the generator changes). */
import { writeFile } from 'node:fs/promises';

import { SHOP_TYPES_FILE, shopTypes } from './shop-types';

await writeFile(SHOP_TYPES_FILE, await shopTypes());
console.log(`Wrote ${SHOP_TYPES_FILE.pathname}`);
