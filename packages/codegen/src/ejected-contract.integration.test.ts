/**
 * The ejected NestJS + Prisma service passes the data API's contract: the same suite the
 * runtime passes, against the service built from the contract model, on a database it migrated.
 * What the generated service does not do yet is listed, and each of those tests must still fail.
 */
import { CONTRACT_MODEL, defineContractSuite } from '@tessera/contract';

import { startEjectedService } from './test/ejected-service';

defineContractSuite(
  'ejected nestjs-prisma',
  async () => {
    const service = await startEjectedService(CONTRACT_MODEL);
    return {
      base: service.base,
      admin: service.adminToken,
      reader: service.viewerToken,
      stranger: service.outsiderToken,
      restricted: service.restrictedToken,
      setRateLimit: service.setRateLimit,
      holdDatabase: service.holdDatabase,
      stop: service.stop,
    };
  },
  {
    startTimeoutMs: 240_000,
    pending: [],
  },
);
