/** Puts the amis SDK into public/amis-sdk, where the console serves it from. */
import path from 'node:path';

import { AMIS_VERSION, copySdk } from '@tessera/pages/sdk';

const target = path.join(path.dirname(new URL(import.meta.url).pathname), '../public/amis-sdk');
await copySdk(target);
console.log(`amis ${AMIS_VERSION} SDK copied to public/amis-sdk`);
