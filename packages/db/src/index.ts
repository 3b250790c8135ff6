export { createDb, Prisma, PrismaClient, type Db, type CreateDbOptions } from './client';
export type * from './generated/prisma/client';
