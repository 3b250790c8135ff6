/**
 * The generated TypeScript, compiled: a script using it right compiles, and each mistake a
 * client author could make (a wrong field, an operator its type does not take, a value of the
 * wrong type, a missing required field, a field the caller may not read) is a compile error
 * (`@ts-expect-error` fails the build when nothing is wrong there). The zod schemas parse a row.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

import { validateDocument } from '@tessera/meta';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Caller } from '../access/policy';
import type { SchemaOverview } from '../metadata/overview';
import { formattedTypesModule } from './format';
import { typesModule } from './types-module';

const run = promisify(execFile);

const parsed = validateDocument({
  project: 'shop',
  entities: [
    {
      code: 'customer',
      // Model text that looks like code stays in its comment and its string.
      name: 'Client */ export const pwned = 1; /*\nmore',
      fields: [
        { code: 'name', type: 'string', length: 100, required: true },
        { code: 'email', type: 'email', unique: true },
        { code: 'vip', type: 'boolean' },
        { code: 'tier', type: 'enum', options: ["it's", 'a\\b\nc'] },
      ],
    },
    {
      code: 'order',
      fields: [
        { code: 'total', type: 'decimal', precision: 12, scale: 2 },
        { code: 'status', type: 'enum', options: ['new', 'paid'], default: 'new' },
        { code: 'placed', type: 'date' },
      ],
    },
    { code: 'tag', fields: [{ code: 'label', type: 'string', length: 40 }] },
  ],
  relations: [
    {
      code: 'oc',
      type: 'many-to-one',
      from: 'order',
      to: 'customer',
      field: 'customer',
      inverse: 'orders',
    },
    {
      code: 'ot',
      type: 'many-to-many',
      from: 'order',
      to: 'tag',
      field: 'tags',
      inverse: 'orders',
    },
  ],
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const overview: SchemaOverview = {
  models: new Map([['shop', { project: 'shop', version: 4, document: parsed.document }]]),
  grants: new Map([
    [
      'shop',
      [
        {
          role: 'clerk',
          entity: 'order',
          action: 'read',
          rowFilter: null,
          fields: ['status', 'customer'],
        },
        { role: 'clerk', entity: 'customer', action: 'read', rowFilter: null, fields: null },
      ],
    ],
  ]),
  settings: new Map(),
  loadedAt: new Date(),
};
const admin: Caller = {
  userId: 'u1',
  roles: [],
  permissions: new Set(['data:read', 'data:create', 'data:update', 'data:delete']),
};
const clerk: Caller = { userId: 'u2', roles: ['clerk'], permissions: new Set() };

const USAGE = `import { CustomerSchema, type Model, type OrderCreate, type OrderFilter } from './types.js';
// @ts-expect-error model text never becomes an export
import { pwned } from './types.js';
void pwned;

type Row<E extends keyof Model> = Model[E]['row'];
const order: Row<'order'> = {
  id: 'x', created_at: 't', updated_at: 't', created_by: null, updated_by: null, version: 1,
  total: 12.5, status: 'paid', placed: '2026-12-01', customer: null, tags: [],
};
void order;
const create: OrderCreate = { total: '12.50', status: 'new', tags: ['a'] };
void create;
const filter: OrderFilter = {
  _or: [{ status: { _in: ['new', 'paid'] } }, { total: { _between: [1, 10] } }],
  customer: { name: { _icontains: 'ada' }, orders: { _some: { status: { _eq: 'paid' } } } },
  tags: { _none: { label: { _starts_with: 'x' } } },
  placed: { _gte: '2026-01-01' },
};
void filter;
CustomerSchema.parse({});

// @ts-expect-error a field the order has not
const wrongField: OrderFilter = { totl: { _eq: 1 } };
// @ts-expect-error an operator a boolean does not take
const wrongOperator: Model['customer']['filter'] = { vip: { _gt: true } };
// @ts-expect-error text matching on a number
const textOnNumber: OrderFilter = { total: { _contains: '1' } };
// @ts-expect-error a value outside the enum
const wrongValue: OrderFilter = { status: { _eq: 'lost' } };
// @ts-expect-error the customer's name is required on create
const missing: Model['customer']['create'] = { email: 'a@b.c' };
const tier: Model['customer']['row']['tier'] = "it's";
void tier;
void [wrongField, wrongOperator, textOnNumber, wrongValue, missing];
`;

const CLERK_USAGE = `import type { Model } from './types.js';
type OrderRow = Model['order']['row'];
const status: OrderRow['status'] = 'paid';
void status;
// @ts-expect-error the clerk may not read an order's total
const total: OrderRow['total'] = 1;
// @ts-expect-error nor create orders
const create: Model['order']['create'] = {};
// @ts-expect-error nor reach tags at all
type Tags = Model['tag'];
void [total, create];
`;

let dir: string;
const require = createRequire(import.meta.url);

async function typecheck(types: string, usage: string) {
  await writeFile(path.join(dir, 'types.ts'), types);
  await writeFile(path.join(dir, 'usage.ts'), usage);
  const tsc = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin/tsc');
  return run(process.execPath, [tsc, '-p', dir, '--pretty', 'false'], { cwd: dir }).then(
    () => '',
    (error: Error & { stdout?: string }) => error.stdout ?? error.message,
  );
}

beforeAll(async () => {
  // Inside the package, so `zod` resolves as it would in a client's project.
  dir = await mkdtemp(path.join(import.meta.dirname, '.types-check-'));
  await writeFile(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'es2023',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        noUnusedLocals: false,
      },
      include: ['*.ts'],
    }),
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the generated TypeScript', () => {
  it('compiles right use and refuses each mistake', async () => {
    const types = (await formattedTypesModule({ overview, caller: admin, project: 'shop' }))!;
    expect(types).toContain('export interface Order {');
    expect(types).toContain("status: 'new' | 'paid' | null;");
    expect(await typecheck(types, USAGE)).toBe('');
  });

  it('is shaped by the caller’s grants', async () => {
    const types = (await formattedTypesModule({ overview, caller: clerk, project: 'shop' }))!;
    expect(types).not.toContain('interface Tag ');
    expect(await typecheck(types, CLERK_USAGE)).toBe('');
  });

  it('is refused for a project that is not published', () => {
    expect(typesModule({ overview, caller: admin, project: 'nope' })).toBeNull();
  });
});
