/**
 * The per-entity view model: everything the templates need to write one entity's Prisma model,
 * its descriptor and its NestJS module, computed once from the published model document. The
 * names chosen here are what a developer reads in the ejected code, so they follow Prisma's
 * habits: a to-one key is a scalar `customer_id` (mapped onto the platform's `customer` column)
 * beside the relation `customer`.
 */
import {
  commentText,
  type Entity,
  type Field,
  junctionColumns,
  junctionTable,
  type ModelDocument,
  objectName,
  relationField,
  type Relation,
} from '@tessera/meta';

import { cannotExpress } from './errors';
import { camelCase, kebabCase, pascalCase, RESERVED_MODEL_NAMES } from './names';
import { prismaDefault, prismaType } from './prisma-fields';

const DEFAULT_SYSTEM = ['created_at', 'updated_at', 'created_by', 'updated_by', 'version'] as const;
const TEXT_TYPES = new Set(['string', 'text', 'email', 'url', 'enum']);
const ON_DELETE = { restrict: 'Restrict', cascade: 'Cascade', 'set-null': 'SetNull' } as const;

export interface FieldView {
  code: string;
  type: Field['type'];
  /** The type values compare as: a computed field's result type, else its own. */
  valueType: string;
  required: boolean;
  writable: boolean;
  hasDefault: boolean;
  field: Field;
}

export type LinkKind = 'to-one' | 'inverse-one' | 'inverse-many' | 'many-to-many';

export interface LinkView {
  /** The name in the data API (and of the Prisma relation field). */
  name: string;
  kind: LinkKind;
  target: string;
  /** Read and written as a field of the row: a to-one key, or a many-to-many list of ids. */
  field: boolean;
  /** to-one: the Prisma scalar holding the related id. */
  scalar?: string;
  required?: boolean;
  /** many-to-many: the junction's relation fields to this side and to the other. */
  junction?: { delegate: string; self: string; selfId: string; other: string; otherId: string };
}

export interface EntityView {
  code: string;
  /** The Prisma model and the class prefix: `OrderTags`. */
  model: string;
  /** The Prisma Client property: `orderTags`. */
  delegate: string;
  /** The folder and file prefix: `order-tags`. */
  file: string;
  name: string;
  softDelete: boolean;
  system: string[];
  fields: FieldView[];
  links: LinkView[];
  searchable: string[];
  /** The body of the Prisma model, one line each. */
  prisma: string[];
}

export function entityViews(doc: ModelDocument): EntityView[] {
  const models = new Map<string, string>();
  for (const entity of doc.entities) {
    const model = pascalCase(entity.code);
    if (RESERVED_MODEL_NAMES.has(model))
      throw cannotExpress(
        `Entity '${entity.code}' would be the Prisma model ${model}, a name Prisma Client or the service already uses; rename the entity`,
        { entity: entity.code },
      );
    const clash = models.get(model);
    if (clash)
      throw cannotExpress(
        `Entities '${clash}' and '${entity.code}' would both be the Prisma model ${model}; rename one`,
        { entity: entity.code },
      );
    models.set(model, entity.code);
  }
  return doc.entities.map((entity) => entityView(doc, entity));
}

function systemOf(entity: Entity): string[] {
  return ['id', ...(entity.systemFields ?? DEFAULT_SYSTEM)];
}

function entityView(doc: ModelDocument, entity: Entity): EntityView {
  const model = pascalCase(entity.code);
  const system = systemOf(entity);
  const lines = new PrismaLines(entity.code);
  lines.add('id', 'String @id @default(dbgenerated("gen_random_uuid()")) @db.Uuid');
  if (system.includes('created_at'))
    lines.add('created_at', 'DateTime @default(now()) @db.Timestamptz(6)');
  if (system.includes('updated_at'))
    lines.add('updated_at', 'DateTime @default(now()) @updatedAt @db.Timestamptz(6)');
  if (system.includes('created_by')) lines.add('created_by', 'String? @db.Uuid');
  if (system.includes('updated_by')) lines.add('updated_by', 'String? @db.Uuid');
  if (system.includes('version')) lines.add('version', 'Int @default(1)');
  if (entity.softDelete) lines.add('deleted_at', 'DateTime? @db.Timestamptz(6)');

  const fields = entity.fields.map((field): FieldView => {
    const { type, native } = prismaType(field);
    const optional = field.required || type.endsWith('[]') ? '' : '?';
    const attributes = [
      field.unique ? `@unique(map: "${objectName([entity.code, field.code], 'key')}")` : null,
      prismaDefault(field),
      native,
    ].filter(Boolean);
    lines.add(field.code, `${type}${optional} ${attributes.join(' ')}`.trim());
    if (field.indexed && !field.unique)
      lines.block(
        `@@index([${field.code}], map: "${objectName([entity.code, field.code], 'idx')}")`,
      );
    return {
      code: field.code,
      type: field.type,
      valueType: field.type === 'computed' ? field.resultType : field.type,
      required: field.required ?? false,
      writable: field.type !== 'computed',
      hasDefault: field.default !== undefined,
      field,
    };
  });

  const links: LinkView[] = [];
  for (const relation of doc.relations) {
    if (relation.type === 'many-to-many') manyToMany(doc, entity, relation, lines, links);
    else toOne(entity, relation, lines, links);
  }
  const junction = doc.relations.find(
    (r) => r.type === 'many-to-many' && junctionTable(r) === entity.code,
  );
  if (junction) junctionSide(entity, junction, lines);
  if (system.includes('created_at'))
    lines.block(
      `@@index([created_at(sort: Desc), id], map: "${objectName([entity.code], 'default_order')}")`,
    );
  lines.block(`@@map("${entity.code}")`);
  lines.block(`@@schema("${doc.project}")`);

  return {
    code: entity.code,
    model,
    delegate: camelCase(entity.code),
    file: kebabCase(entity.code),
    // Written into the Prisma schema's `///` comment: kept there as text.
    name: commentText(entity.name ?? entity.code),
    softDelete: entity.softDelete ?? false,
    system,
    fields,
    links,
    searchable: entity.fields.filter((f) => TEXT_TYPES.has(f.type)).map((f) => f.code),
    prisma: lines.lines(),
  };
}

function toOne(entity: Entity, relation: Relation, lines: PrismaLines, links: LinkView[]) {
  const column = relationField(relation);
  const targetModel = pascalCase(relation.to);
  const sourceModel = pascalCase(relation.from);
  if (relation.from === entity.code) {
    const scalar = `${column}_id`;
    const optional = relation.required ? '' : '?';
    const unique =
      relation.type === 'one-to-one'
        ? ` @unique(map: "${objectName([entity.code, column], 'key')}")`
        : '';
    lines.add(scalar, `String${optional} @map("${column}")${unique} @db.Uuid`);
    lines.add(
      column,
      `${targetModel}${optional} @relation("${relation.code}", fields: [${scalar}], references: [id], onDelete: ${ON_DELETE[relation.onDelete ?? 'restrict']}, onUpdate: NoAction, map: "${objectName([entity.code, column], 'fkey')}")`,
    );
    if (relation.type !== 'one-to-one')
      lines.block(`@@index([${scalar}], map: "${objectName([entity.code, column], 'idx')}")`);
    links.push({
      name: column,
      kind: 'to-one',
      target: relation.to,
      field: true,
      scalar,
      required: relation.required ?? false,
    });
  }
  if (relation.to === entity.code) {
    // Prisma needs both ends of a relation; without an inverse the back end is named after it.
    const name = relation.inverse ?? relation.code;
    const one = relation.type === 'one-to-one';
    lines.add(name, `${sourceModel}${one ? '?' : '[]'} @relation("${relation.code}")`);
    if (relation.inverse)
      links.push({
        name,
        kind: one ? 'inverse-one' : 'inverse-many',
        target: relation.from,
        field: false,
      });
  }
}

function manyToMany(
  doc: ModelDocument,
  entity: Entity,
  relation: Relation,
  lines: PrismaLines,
  links: LinkView[],
) {
  const table = junctionTable(relation);
  const junctionModel = pascalCase(table);
  const cols = junctionColumns(relation);
  const sides: { name: string; self: string; other: string; target: string; link: boolean }[] = [];
  if (relation.from === entity.code)
    sides.push({
      name: relationField(relation),
      self: cols.from,
      other: cols.to,
      target: relation.to,
      link: true,
    });
  if (relation.to === entity.code)
    sides.push({
      name: relation.inverse ?? `${relation.code}_links`,
      self: cols.to,
      other: cols.from,
      target: relation.from,
      link: relation.inverse !== undefined,
    });
  for (const side of sides) {
    lines.add(side.name, `${junctionModel}[] @relation("${relation.code}_${side.self}")`);
    if (!side.link) continue;
    links.push({
      name: side.name,
      kind: 'many-to-many',
      target: side.target,
      field: true,
      junction: {
        delegate: camelCase(table),
        self: side.self,
        selfId: `${side.self}_id`,
        other: side.other,
        otherId: `${side.other}_id`,
      },
    });
  }
  void doc;
}

/** A junction entity's two keys, each with its relation to one side. */
function junctionSide(entity: Entity, relation: Relation, lines: PrismaLines) {
  const cols = junctionColumns(relation);
  for (const [column, target] of [
    [cols.from, relation.from],
    [cols.to, relation.to],
  ] as const) {
    lines.add(`${column}_id`, `String @map("${column}") @db.Uuid`);
    lines.add(
      column,
      `${pascalCase(target)} @relation("${relation.code}_${column}", fields: [${column}_id], references: [id], onDelete: Cascade, onUpdate: NoAction, map: "${objectName([entity.code, column], 'fkey')}")`,
    );
    lines.block(`@@index([${column}_id], map: "${objectName([entity.code, column], 'idx')}")`);
  }
  lines.block(
    `@@unique([${cols.from}_id, ${cols.to}_id], map: "${objectName([entity.code, cols.from, cols.to], 'key')}")`,
  );
}

/** A model's lines, refusing a second field of the same name. */
class PrismaLines {
  #fields: [string, string][] = [];
  #blocks: string[] = [];
  constructor(private readonly entity: string) {}

  add(name: string, rest: string) {
    if (this.#fields.some(([n]) => n === name))
      throw cannotExpress(
        `Entity '${this.entity}' would have two Prisma fields named '${name}' (a field and a relation's key or back reference); rename the field or the relation`,
        { entity: this.entity, field: name },
      );
    this.#fields.push([name, rest]);
  }

  block(line: string) {
    this.#blocks.push(line);
  }

  lines(): string[] {
    const width = Math.max(...this.#fields.map(([n]) => n.length));
    return [...this.#fields.map(([n, rest]) => `${n.padEnd(width)} ${rest}`), '', ...this.#blocks];
  }
}
