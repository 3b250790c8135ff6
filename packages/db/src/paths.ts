/** Locations of the Prisma schema and migrations inside this package. */
import path from 'node:path';

export const packageRoot = path.resolve(import.meta.dirname, '..');
export const schemaPath = path.join(packageRoot, 'prisma', 'schema.prisma');
export const migrationsDir = path.join(packageRoot, 'prisma', 'migrations');
