/**
 * Compares the published model with the draft, by stable id, and produces the ordered steps
 * that take the database from one to the other. Counts come from the live tables, so every
 * risky step says how many rows it touches. Planning changes nothing.
 */
import type { Entity, ModelDocument, Relation } from '../document';
import { relationField } from '../document';
import { createProjectDdl, foreignKey, fieldIndexes } from '../ddl/create';
import { junctionColumns, junctionTable } from '../ddl/physical';
import { quoteIdent } from '../names';
import { CAN_CAST_FUNCTION } from './cast';
import { columnConstraints, columnIndexes, count, qualified, schemaExists } from './catalog';
import { addFieldSteps, changeFieldSteps, dropFieldSteps } from './field-steps';
import { type Plan, type PlanStep, type Queryable, stepId, trashName } from './types';

export interface PlanOptions {
  db: Queryable;
  /** The published model, or null before the first publish. */
  published: ModelDocument | null;
  draft: ModelDocument;
  now?: Date;
}

const byId = <T extends { id?: string }>(items: T[]) => new Map(items.map((i) => [i.id!, i]));

function entityOnlySubset(doc: ModelDocument, entity: Entity): ModelDocument {
  return { project: doc.project, entities: [entity], relations: [] };
}

export async function planChanges({
  db,
  published,
  draft,
  now = new Date(),
}: PlanOptions): Promise<Plan> {
  const schema = draft.project;
  await db.query(CAN_CAST_FUNCTION);
  const steps: PlanStep[] = [];
  const before = published ?? { project: schema, entities: [], relations: [] };
  if (!published || !(await schemaExists(db, schema))) {
    steps.push({
      id: stepId('create-schema', schema),
      kind: 'create-schema',
      summary: `Create schema ${schema}`,
      sql: [`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`],
      risk: 'safe',
    });
  }
  const oldEntities = byId(before.entities);
  const newEntities = byId(draft.entities);
  const oldRelations = byId(before.relations);
  const newRelations = byId(draft.relations);

  // 1. Relations that disappear or change shape release their columns and keys first.
  const removedRelations = before.relations.filter(
    (r) =>
      !newRelations.has(r.id!) || relationShapeChanged(r, newRelations.get(r.id!)!, before, draft),
  );
  for (const relation of removedRelations)
    steps.push(...(await dropRelationSteps(db, schema, before, relation, now)));

  // 2. Entity renames, then field-level changes on surviving entities.
  for (const entity of draft.entities) {
    const old = oldEntities.get(entity.id!);
    if (old && old.code !== entity.code) {
      steps.push({
        id: stepId('rename-entity', entity.id, old.code, entity.code),
        kind: 'rename-entity',
        summary: `Rename entity ${old.code} to ${entity.code}`,
        sql: [`ALTER TABLE ${qualified(schema, old.code)} RENAME TO ${quoteIdent(entity.code)}`],
        risk: 'safe',
      });
    }
  }
  const fieldSteps: PlanStep[] = [];
  for (const entity of draft.entities) {
    const old = oldEntities.get(entity.id!);
    if (!old) continue;
    const ctx = { db, schema, entity, now };
    const oldFields = byId(old.fields);
    const newFields = byId(entity.fields);
    for (const field of old.fields)
      if (!newFields.has(field.id!))
        fieldSteps.push(
          ...(await dropFieldSteps({ ...ctx, entity: { ...entity, code: old.code } }, field)),
        );
    for (const field of entity.fields) {
      const previous = oldFields.get(field.id!);
      fieldSteps.push(
        ...(previous
          ? await changeFieldSteps(
              { ...ctx, entity: { ...entity, code: old.code } },
              previous,
              field,
            )
          : await addFieldSteps({ ...ctx, entity: { ...entity, code: old.code } }, field, false)),
      );
    }
    if (!!old.softDelete !== !!entity.softDelete) {
      const table = qualified(schema, old.code);
      // Unique values are unique among live rows only while soft delete is on.
      const uniques = entity.fields.filter(
        (f) => f.unique && old.fields.some((o) => o.id === f.id && o.unique),
      );
      const reindex: string[] = [];
      for (const field of uniques) {
        const current = old.fields.find((o) => o.id === field.id)!.code;
        for (const index of await columnIndexes(db, schema, old.code, current))
          reindex.push(`DROP INDEX ${quoteIdent(schema)}.${quoteIdent(index.name)}`);
        reindex.push(
          ...fieldIndexes(schema, { ...entity, code: old.code }, field).map((s) => s.sql),
        );
      }
      if (entity.softDelete) {
        fieldSteps.push({
          id: stepId('soft-delete-on', entity.id),
          kind: 'soft-delete',
          summary: `Keep deleted ${entity.code} rows (soft delete)`,
          sql: [
            `ALTER TABLE ${table} ADD COLUMN ${quoteIdent('deleted_at')} timestamptz`,
            ...reindex,
          ],
          risk: 'safe',
        });
      } else {
        const deleted = await count(
          db,
          `SELECT count(*) AS n FROM ${table} WHERE ${quoteIdent('deleted_at')} IS NOT NULL`,
        );
        const [drop] = await dropFieldSteps(
          { db, schema, entity: { ...entity, code: old.code }, now },
          { id: `${entity.id}:deleted_at`, code: 'deleted_at', type: 'datetime' },
          'Soft delete off: ',
        );
        fieldSteps.push(
          deleted > 0
            ? {
                ...drop!,
                risk: 'blocked',
                rows: deleted,
                reason: `${deleted} deleted row(s) would come back; remove them for good first`,
              }
            : { ...drop!, sql: [...drop!.sql, ...reindex] },
        );
      }
    }
    fieldSteps.push(
      ...(await systemFieldSteps({ db, schema, now }, { ...entity, code: old.code }, old, entity)),
    );
  }
  // Field steps were written against the table's current name; they run after the rename.
  for (const step of fieldSteps) {
    step.sql = step.sql.map((sql) => renameTables(sql, schema, before, draft));
    if (step.conversion)
      step.conversion.sql = step.conversion.sql.map((sql) =>
        renameTables(sql, schema, before, draft),
      );
  }
  steps.push(...fieldSteps);

  // 3. Entities that disappear move to the trash.
  for (const old of before.entities) {
    if (newEntities.has(old.id!)) continue;
    const rows = await count(db, `SELECT count(*) AS n FROM ${qualified(schema, old.code)}`);
    const trash = trashName(old.code, now);
    steps.push({
      id: stepId('drop-entity', old.id),
      kind: 'drop-entity',
      summary: `Remove entity ${old.code}; its table moves to ${trash}`,
      sql: [`ALTER TABLE ${qualified(schema, old.code)} RENAME TO ${quoteIdent(trash)}`],
      risk: 'needs-confirmation',
      rows,
      reason: `${rows} row(s) are kept in ${trash} and can be restored`,
      trash: { table: old.code, trashName: trash },
    });
  }

  // 4. New entities.
  for (const entity of draft.entities) {
    if (oldEntities.has(entity.id!)) continue;
    const ddl = createProjectDdl(entityOnlySubset(draft, entity)).slice(1);
    const [table, ...indexes] = ddl;
    steps.push({
      id: stepId('create-entity', entity.id),
      kind: 'create-entity',
      summary: table!.summary,
      sql: [table!.sql, ...indexes.map((s) => s.sql)],
      risk: 'safe',
    });
  }

  // 5. New relations (and those whose shape changed).
  for (const relation of draft.relations) {
    const old = oldRelations.get(relation.id!);
    if (old && !relationShapeChanged(old, relation, before, draft)) {
      const oldFromCode = before.entities.find((e) => e.code === old.from)!.code;
      const oldField = relationField(old);
      const newField = relationField(relation);
      if (relation.type !== 'many-to-many' && oldField !== newField) {
        steps.push({
          id: stepId('rename-relation-field', relation.id, oldField, newField),
          kind: 'rename-field',
          summary: `Rename ${relation.from}.${oldField} to ${newField}`,
          sql: [
            `ALTER TABLE ${qualified(schema, relation.from)} RENAME COLUMN ${quoteIdent(oldField)} TO ${quoteIdent(newField)}`,
          ],
          risk: 'safe',
        });
      }
      steps.push(...(await alterRelationSteps(db, schema, old, relation, oldFromCode)));
      continue;
    }
    steps.push(
      ...(await addRelationSteps(
        db,
        schema,
        draft,
        relation,
        !oldEntities.has(newEntities.get(entityIdOf(draft, relation.from))?.id ?? ''),
      )),
    );
  }
  return { steps };
}

function entityIdOf(doc: ModelDocument, code: string): string {
  return doc.entities.find((e) => e.code === code)?.id ?? '';
}

/** Replaces references to renamed tables in SQL written against the published names. */
function renameTables(
  sql: string,
  schema: string,
  before: ModelDocument,
  draft: ModelDocument,
): string {
  let out = sql;
  for (const entity of draft.entities) {
    const old = before.entities.find((e) => e.id === entity.id);
    if (old && old.code !== entity.code) {
      out = out.split(qualified(schema, old.code)).join(qualified(schema, entity.code));
    }
  }
  return out;
}

/**
 * Changes that cannot be made in place: different ends (by entity id, so an entity rename is
 * not one), a move to or from many-to-many, or another junction.
 */
function relationShapeChanged(
  a: Relation,
  b: Relation,
  before: ModelDocument,
  draft: ModelDocument,
): boolean {
  const toOne = (r: Relation) => r.type !== 'many-to-many';
  return (
    toOne(a) !== toOne(b) ||
    entityIdOf(before, a.from) !== entityIdOf(draft, b.from) ||
    entityIdOf(before, a.to) !== entityIdOf(draft, b.to) ||
    (a.through ? entityIdOf(before, a.through) : null) !==
      (b.through ? entityIdOf(draft, b.through) : null)
  );
}

/** In-place changes of a to-one relation: delete rule, required, one-to-one uniqueness. */
async function alterRelationSteps(
  db: Queryable,
  schema: string,
  old: Relation,
  relation: Relation,
  oldFromCode: string,
): Promise<PlanStep[]> {
  if (relation.type === 'many-to-many') return [];
  const steps: PlanStep[] = [];
  const column = relationField(relation);
  const current = relationField(old);
  const table = qualified(schema, relation.from);
  if ((old.onDelete ?? 'restrict') !== (relation.onDelete ?? 'restrict')) {
    const fks = await columnConstraints(db, schema, oldFromCode, current, 'f');
    const [fk] = foreignKey(
      schema,
      relation.from,
      column,
      relation.to,
      relation.onDelete ?? 'restrict',
      false,
    );
    steps.push({
      id: stepId('relation-on-delete', relation.id, relation.onDelete),
      kind: 'relation-on-delete',
      summary: `On deleting a ${relation.to}, ${relation.onDelete ?? 'restrict'} its ${relation.from} rows (${relation.code})`,
      sql: [...fks.map((c) => `ALTER TABLE ${table} DROP CONSTRAINT ${quoteIdent(c)}`), fk!.sql],
      risk: 'safe',
    });
  }
  if (!!old.required !== !!relation.required) {
    const empty = relation.required
      ? await count(
          db,
          `SELECT count(*) AS n FROM ${qualified(schema, oldFromCode)} WHERE ${quoteIdent(current)} IS NULL`,
        )
      : 0;
    steps.push({
      id: stepId('relation-required', relation.id, !!relation.required),
      kind: relation.required ? 'require-field' : 'optional-field',
      summary: relation.required
        ? `Require a ${relation.to} for every ${relation.from}`
        : `Let ${relation.from} rows have no ${relation.to}`,
      sql: [
        `ALTER TABLE ${table} ALTER COLUMN ${quoteIdent(column)} ${relation.required ? 'SET' : 'DROP'} NOT NULL`,
      ],
      risk: empty > 0 ? 'blocked' : 'safe',
      ...(empty > 0
        ? { rows: empty, reason: `${empty} ${relation.from} row(s) have no ${relation.to}` }
        : {}),
    });
  }
  if (old.type !== relation.type) {
    const unique = relation.type === 'one-to-one';
    const duplicates = unique
      ? await count(
          db,
          `SELECT coalesce(sum(n), 0) AS n FROM (SELECT count(*) AS n FROM ${qualified(schema, oldFromCode)} WHERE ${quoteIdent(current)} IS NOT NULL GROUP BY ${quoteIdent(current)} HAVING count(*) > 1) d`,
        )
      : 0;
    const indexes = await columnIndexes(db, schema, oldFromCode, current);
    const [, index] = foreignKey(
      schema,
      relation.from,
      column,
      relation.to,
      relation.onDelete ?? 'restrict',
      unique,
    );
    steps.push({
      id: stepId('relation-cardinality', relation.id, relation.type),
      kind: unique ? 'add-unique' : 'field-index',
      summary: unique
        ? `Allow each ${relation.to} one ${relation.from} at most (${relation.code})`
        : `Allow a ${relation.to} many ${relation.from} rows (${relation.code})`,
      sql: [
        ...indexes.map((i) => `DROP INDEX ${quoteIdent(schema)}.${quoteIdent(i.name)}`),
        index!.sql,
      ],
      risk: duplicates > 0 ? 'blocked' : 'safe',
      ...(duplicates > 0
        ? {
            rows: duplicates,
            reason: `${duplicates} ${relation.from} row(s) share a ${relation.to}`,
          }
        : {}),
    });
  }
  return steps;
}

async function dropRelationSteps(
  db: Queryable,
  schema: string,
  doc: ModelDocument,
  relation: Relation,
  now: Date,
): Promise<PlanStep[]> {
  if (relation.type === 'many-to-many') {
    const table = junctionTable(relation);
    if (!relation.through) {
      const rows = await count(db, `SELECT count(*) AS n FROM ${qualified(schema, table)}`);
      const trash = trashName(table, now);
      return [
        {
          id: stepId('drop-relation', relation.id),
          kind: 'drop-relation',
          summary: `Remove relation ${relation.code}; its links move to ${trash}`,
          sql: [`ALTER TABLE ${qualified(schema, table)} RENAME TO ${quoteIdent(trash)}`],
          risk: 'needs-confirmation',
          rows,
          reason: `${rows} link(s) are kept in ${trash}`,
          trash: { table, trashName: trash },
        },
      ];
    }
    const cols = junctionColumns(relation);
    const entity = doc.entities.find((e) => e.code === table)!;
    const steps: PlanStep[] = [];
    for (const column of [cols.from, cols.to]) {
      steps.push(...(await dropKeyColumn(db, schema, entity, column, relation, now)));
    }
    return steps;
  }
  const entity = doc.entities.find((e) => e.code === relation.from)!;
  return dropKeyColumn(db, schema, entity, relationField(relation), relation, now);
}

async function dropKeyColumn(
  db: Queryable,
  schema: string,
  entity: Entity,
  column: string,
  relation: Relation,
  now: Date,
): Promise<PlanStep[]> {
  const table = qualified(schema, entity.code);
  const fks = (await columnConstraints(db, schema, entity.code, column, 'f')).map(
    (c) => `ALTER TABLE ${table} DROP CONSTRAINT ${quoteIdent(c)}`,
  );
  const [step] = await dropFieldSteps(
    { db, schema, entity, now },
    { id: `${relation.id}:${column}`, code: column, type: 'uuid' },
    `Relation ${relation.code} removed or reshaped: `,
  );
  return [
    {
      ...step!,
      id: stepId('drop-relation', relation.id, column),
      kind: 'drop-relation',
      sql: [...fks, ...step!.sql],
    },
  ];
}

async function addRelationSteps(
  db: Queryable,
  schema: string,
  doc: ModelDocument,
  relation: Relation,
  fromIsNew: boolean,
): Promise<PlanStep[]> {
  if (relation.type === 'many-to-many') {
    const table = junctionTable(relation);
    const cols = junctionColumns(relation);
    const sql: string[] = [];
    if (!relation.through) {
      sql.push(
        `CREATE TABLE ${qualified(schema, table)} (${quoteIdent('id')} uuid PRIMARY KEY DEFAULT gen_random_uuid(), ${quoteIdent(cols.from)} uuid NOT NULL, ${quoteIdent(cols.to)} uuid NOT NULL, ${quoteIdent('created_at')} timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP)`,
      );
    } else {
      const rows = await existingRows(db, schema, doc, table);
      if (rows > 0) {
        return [
          {
            id: stepId('add-relation', relation.id),
            kind: 'add-relation',
            summary: `Link ${relation.from} ↔ ${relation.to} through ${table}`,
            sql: [],
            risk: 'blocked',
            rows,
            reason: `${table} already has ${rows} row(s), which would have no ${relation.from}/${relation.to}; use an empty junction entity`,
          },
        ];
      }
      sql.push(
        `ALTER TABLE ${qualified(schema, table)} ADD COLUMN ${quoteIdent(cols.from)} uuid NOT NULL`,
        `ALTER TABLE ${qualified(schema, table)} ADD COLUMN ${quoteIdent(cols.to)} uuid NOT NULL`,
      );
    }
    for (const fk of [
      ...foreignKey(schema, table, cols.from, relation.from, 'cascade', false),
      ...foreignKey(schema, table, cols.to, relation.to, 'cascade', false),
    ])
      sql.push(fk.sql);
    sql.push(
      `CREATE UNIQUE INDEX ${quoteIdent(`${table}_${cols.from}_${cols.to}_key`.slice(0, 63))} ON ${qualified(schema, table)} (${quoteIdent(cols.from)}, ${quoteIdent(cols.to)})`,
    );
    return [
      {
        id: stepId('add-relation', relation.id),
        kind: 'add-relation',
        summary: `Link ${relation.from} ↔ ${relation.to} (${relation.code})`,
        sql,
        risk: 'safe',
      },
    ];
  }
  const column = relationField(relation);
  const rows = fromIsNew ? 0 : await existingRows(db, schema, doc, relation.from);
  const blocked = !!relation.required && rows > 0;
  const sql = [
    `ALTER TABLE ${qualified(schema, relation.from)} ADD COLUMN ${quoteIdent(column)} uuid${relation.required ? ' NOT NULL' : ''}`,
    ...foreignKey(
      schema,
      relation.from,
      column,
      relation.to,
      relation.onDelete ?? 'restrict',
      relation.type === 'one-to-one',
    ).map((s) => s.sql),
  ];
  return [
    {
      id: stepId('add-relation', relation.id),
      kind: 'add-relation',
      summary: `Link ${relation.from}.${column} to ${relation.to} (${relation.type})`,
      sql,
      risk: blocked ? 'blocked' : 'safe',
      ...(blocked
        ? {
            rows,
            reason: `${rows} existing ${relation.from} row(s) would have no ${relation.to}; make the relation optional first`,
          }
        : {}),
    },
  ];
}

async function existingRows(
  db: Queryable,
  schema: string,
  doc: ModelDocument,
  table: string,
): Promise<number> {
  const { rows } = await db.query(
    'SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = $2',
    [schema, table],
  );
  if (rows.length === 0) return 0;
  return count(db, `SELECT count(*) AS n FROM ${qualified(schema, table)}`);
}

export { fieldIndexes };

const SYSTEM_COLUMNS: Record<string, string> = {
  created_at: 'timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP',
  updated_at: 'timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP',
  created_by: 'uuid',
  updated_by: 'uuid',
  version: 'integer NOT NULL DEFAULT 1',
};
const ALL_OPTIONAL = Object.keys(SYSTEM_COLUMNS);

/** Optional system columns switched on (added with their defaults) or off (moved to the trash). */
async function systemFieldSteps(
  ctx: { db: Queryable; schema: string; now: Date },
  current: Entity,
  old: Entity,
  entity: Entity,
): Promise<PlanStep[]> {
  const before = new Set<string>(old.systemFields ?? ALL_OPTIONAL);
  const after = new Set<string>(entity.systemFields ?? ALL_OPTIONAL);
  const table = qualified(ctx.schema, current.code);
  const steps: PlanStep[] = [];
  for (const column of ALL_OPTIONAL) {
    if (!before.has(column) && after.has(column)) {
      steps.push({
        id: stepId('system-field-on', entity.id, column),
        kind: 'add-field',
        summary: `Add system field ${entity.code}.${column}`,
        sql: [`ALTER TABLE ${table} ADD COLUMN ${quoteIdent(column)} ${SYSTEM_COLUMNS[column]}`],
        risk: 'safe',
      });
    } else if (before.has(column) && !after.has(column)) {
      steps.push(
        ...(await dropFieldSteps(
          { ...ctx, entity: current },
          { id: `${entity.id}:${column}`, code: column, type: 'text' },
          'System field off: ',
        )),
      );
    }
  }
  return steps;
}
