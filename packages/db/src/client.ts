/** Creates the platform's Prisma client over node-postgres. One per process, shared. */
import { PrismaPg } from '@prisma/adapter-pg';

import { PrismaClient } from './generated/prisma/client';

export { Prisma, PrismaClient } from './generated/prisma/client';
export type * from './generated/prisma/client';

export interface CreateDbOptions {
  databaseUrl: string;
  /** Maximum connections in the pool. */
  poolSize?: number;
}

export function createDb({ databaseUrl, poolSize = 10 }: CreateDbOptions): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize });
  return new PrismaClient({ adapter });
}

export type Db = PrismaClient;
