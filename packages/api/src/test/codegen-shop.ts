/**
 * The shop both code generation test files start from: two entities (one with a unique field),
 * published, on a database of the file's own.
 */
import type { ApiServices } from '../context';
import { callerAs } from './fixtures';

export const SERVICE = 'entity/service.ts';
export const BASE = 'entity/base/service.base.ts';
export const ref = { project: 'shop', target: 'nestjs-prisma' as const };

/** The entity service template with a line of house style on top. */
export const houseStyle = (builtIn: string) => `// House style: {{model}}\n${builtIn}`;

export async function publishCodegenShop(services: ApiServices) {
  const { caller } = await callerAs(services, ['admin']);
  await caller.schema.import({
    project: 'shop',
    document: JSON.stringify({
      project: 'shop',
      entities: [
        { code: 'customer', fields: [{ code: 'name', type: 'string', length: 100 }] },
        { code: 'invoice', fields: [{ code: 'number', type: 'string', length: 20, unique: true }] },
      ],
    }),
  });
  await caller.schema.publish({ project: 'shop', confirm: [] });
  return caller;
}
