/**
 * TypeScript for one project's published model, as one caller may use it: per entity the row
 * (system fields included), the create and update inputs, the filter (each field's operators
 * follow its type, related entities' filters nest through links) and zod schemas for the row
 * and inputs, and a `Model` map that a typed client reads. Only what the caller may reach is
 * written, as in the OpenAPI document.
 */
import {
  commentText,
  type Entity,
  filterOperators,
  filterType,
  junctionTable,
  type ModelDocument,
} from '@tessera/meta';

import { entityShape, type EntityShape, type ShapeMember } from '../access/entity-shape';
import { type Caller, entityAccess } from '../access/policy';
import type { DataAction } from '../access/grants';
import type { SchemaOverview } from '../metadata/overview';
import { pascal } from '../openapi/parts';
import { linksOf } from '../query/links';
import { quote, readValue, writeValue } from './value-types';

/** System fields a row may hold empty: who created or last changed it. */
const NULLABLE_SYSTEM = new Set(['created_by', 'updated_by']);

const PRELUDE = `import { z } from 'zod';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A field's filter operators (\`{ field: { _op: value } }\`), of those its type takes. */
export type Operators<T, Op extends string> = { [K in Op]?: OperatorValue<T>[K & keyof OperatorValue<T>] };
interface OperatorValue<T> {
  _eq: T; _neq: T; _in: T[]; _nin: T[]; _null: true; _nnull: true;
  _lt: T; _lte: T; _gt: T; _gte: T; _between: [T, T];
  _contains: string; _icontains: string; _starts_with: string; _ends_with: string;
}
/** Conditions combined, and a condition negated. */
export interface Logical<F> { _and?: F[]; _or?: F[]; _not?: F }
/** A to-many path: some related row matches, or none does. */
export type ToMany<F> = { _some: F } | { _none: F };`;

const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));

function readMember(m: ShapeMember): { ts: string; zod: string } {
  if (m.kind === 'system') {
    const value = readValue(m.field);
    return NULLABLE_SYSTEM.has(m.name)
      ? { ts: `${value.ts} | null`, zod: `${value.zod}.nullable()` }
      : value;
  }
  if (m.kind === 'key') return { ts: 'string | null', zod: 'z.uuid().nullable()' };
  if (m.kind === 'list') return { ts: 'string[]', zod: 'z.array(z.uuid())' };
  const value = readValue(m.field);
  const nullable = !('required' in m.field && m.field.required) || m.field.type === 'computed';
  return nullable ? { ts: `${value.ts} | null`, zod: `${value.zod}.nullable()` } : value;
}

function writeMember(m: ShapeMember): { ts: string; zod: string } {
  if (m.kind === 'key') return { ts: 'string | null', zod: 'z.uuid().nullable()' };
  if (m.kind === 'list') return { ts: 'string[]', zod: 'z.array(z.uuid())' };
  const value = writeValue(m.field);
  const nullable = !('required' in m.field && m.field.required);
  return nullable ? { ts: `${value.ts} | null`, zod: `${value.zod}.nullable()` } : value;
}

function objectType(name: string, members: { name: string; ts: string; optional: boolean }[]) {
  const lines = members.map((m) => `  ${key(m.name)}${m.optional ? '?' : ''}: ${m.ts};`);
  return `export interface ${name} {\n${lines.join('\n')}\n}`;
}

function zodObject(name: string, members: { name: string; zod: string; optional: boolean }[]) {
  const lines = members.map((m) => `  ${key(m.name)}: ${m.zod}${m.optional ? '.optional()' : ''},`);
  return `export const ${name}Schema = z.object({\n${lines.join('\n')}\n});`;
}

interface Visible {
  doc: ModelDocument;
  entity: Entity;
  name: string;
  shape: EntityShape;
  deletable: boolean;
}

/**
 * The name of the operators a field takes: one alias per distinct set (`TextOperators<T>`,
 * `OrderedOperators<T>`, `EqualityOperators<T>`), written once into the module.
 */
function operatorSet(sets: Map<string, string>, ops: readonly string[]): string {
  const list = ops.map((o) => `'${o}'`).join(' | ');
  let name = sets.get(list);
  if (!name) {
    name = ops.includes('_contains')
      ? 'TextOperators'
      : ops.includes('_lt')
        ? 'OrderedOperators'
        : 'EqualityOperators';
    if ([...sets.values()].includes(name)) name = `${name}${sets.size + 1}`;
    sets.set(list, name);
  }
  return name;
}

/** The links a caller may filter and expand through: to readable entities, named as it may. */
function reachableLinks(visible: Visible, readable: Map<string, Visible>) {
  const shown = new Set(visible.shape.read.map((m) => m.name));
  return [...linksOf(visible.doc, visible.entity).values()].filter(
    (link) => readable.has(link.target.code) && (!link.field || shown.has(link.name)),
  );
}

function filterInterface(
  visible: Visible,
  readable: Map<string, Visible>,
  sets: Map<string, string>,
): string {
  const conditions: string[] = [];
  const links = new Map(reachableLinks(visible, readable).map((l) => [l.name, l]));
  for (const m of visible.shape.read) {
    if (m.kind === 'list') continue;
    const value = readValue(m.field).ts;
    const operators = `${operatorSet(sets, filterOperators(filterType(m.field)))}<${value.replace(' | null', '')}>`;
    const link = m.kind === 'key' ? links.get(m.name) : undefined;
    conditions.push(
      `  ${key(m.name)}?: ${link ? `${operators} | ${readable.get(link.target.code)!.name}Filter` : operators};`,
    );
  }
  for (const link of links.values()) {
    if (link.column) continue;
    const target = `${readable.get(link.target.code)!.name}Filter`;
    conditions.push(
      `  ${key(link.name)}?: ${link.cardinality === 'many' ? `ToMany<${target}>` : target};`,
    );
  }
  return `export interface ${visible.name}Filter extends Logical<${visible.name}Filter> {\n${conditions.join('\n')}\n}`;
}

export function typesModule(options: {
  overview: SchemaOverview;
  caller: Caller;
  project: string;
}): string | null {
  const model = options.overview.models.get(options.project);
  if (!model) return null;
  const doc = model.document;
  const visible: Visible[] = [];
  // A many-to-many relation's link table is reached through the relation, not as an entity.
  const junctions = new Set(
    doc.relations.filter((r) => r.type === 'many-to-many').map((r) => junctionTable(r)),
  );
  for (const entity of doc.entities) {
    if (junctions.has(entity.code)) continue;
    const can = (action: DataAction) =>
      entityAccess(options.overview, options.caller, options.project, entity.code, action);
    const [read, create, update, remove] = [
      can('read'),
      can('create'),
      can('update'),
      can('delete'),
    ];
    if (!read && !create && !update && !remove) continue;
    visible.push({
      doc,
      entity,
      name: pascal(entity.code),
      shape: entityShape(doc, entity, read, { create, update }),
      deletable: remove !== null,
    });
  }
  const readable = new Map(
    visible.filter((v) => v.shape.read.length > 0).map((v) => [v.entity.code, v]),
  );
  const parts: string[] = [
    `/**\n * TypeScript for the ${doc.project} model (version ${model.version}), generated by Tessera for\n * what its caller may use. Regenerate after a publish.\n */`,
    PRELUDE,
  ];
  const entries: string[] = [];
  const sets = new Map<string, string>();
  for (const v of visible) {
    const row = v.shape.read.map((m) => ({ name: m.name, optional: false, ...readMember(m) }));
    parts.push(
      `/** ${commentText(v.entity.name ?? v.entity.code)}: a row as the API answers it. */\n${objectType(v.name, row)}`,
      zodObject(v.name, row),
    );
    if (v.shape.create) {
      const create = v.shape.create.map((m) => ({
        name: m.name,
        optional: !m.required,
        ...writeMember(m),
      }));
      parts.push(objectType(`${v.name}Create`, create), zodObject(`${v.name}Create`, create));
    }
    if (v.shape.update) {
      const update = v.shape.update.map((m) => ({
        name: m.name,
        optional: true,
        ...writeMember(m),
      }));
      parts.push(objectType(`${v.name}Update`, update), zodObject(`${v.name}Update`, update));
    }
    parts.push(filterInterface(v, readable, sets));
    const links = reachableLinks(v, readable).map(
      (l) => `${key(l.name)}: { entity: '${l.target.code}'; many: ${l.cardinality === 'many'} }`,
    );
    entries.push(
      `  ${key(v.entity.code)}: {\n    row: ${v.name};\n    create: ${v.shape.create ? `${v.name}Create` : 'never'};\n    update: ${v.shape.update ? `${v.name}Update` : 'never'};\n    filter: ${v.name}Filter;\n    links: { ${links.join('; ')} };\n    deletable: ${v.deletable};\n  };`,
    );
  }
  // The operator sets the filters use, after the prelude.
  parts.splice(
    2,
    0,
    [...sets]
      .map(([list, name]) => `export type ${name}<T> = Operators<\n  T,\n  ${list}\n>;`)
      .join('\n'),
  );
  parts.push(
    `/** Every entity this caller may reach: what a typed client (\`@tessera/client\`) reads. */\nexport interface Model {\n${entries.join('\n')}\n}`,
    `export const PROJECT = ${quote(doc.project)};`,
  );
  return `${parts.join('\n\n')}\n`;
}
