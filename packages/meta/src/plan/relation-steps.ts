/** Relation steps: added, removed or reshaped relations, and in-place changes of to-one keys. */
import type { Entity, ModelDocument, Relation } from '../document';
import { relationField } from '../document';
import { foreignKey } from '../ddl/create';
import { junctionColumns, junctionTable } from '../ddl/physical';
import { quoteIdent } from '../names';
import { columnConstraints, columnIndexes, count, qualified } from './catalog';
import { dropFieldSteps } from './field-steps';
import { type PlanStep, type Queryable, stepId, trashName } from './types';

export function entityIdOf(doc: ModelDocument, code: string): string {
  return doc.entities.find((e) => e.code === code)?.id ?? '';
}

/**
 * Changes that cannot be made in place: different ends (by entity id, so an entity rename is
 * not one), a move to or from many-to-many, or another junction.
 */
export function relationShapeChanged(
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
export async function alterRelationSteps(
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

export async function dropRelationSteps(
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

export async function addRelationSteps(
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
