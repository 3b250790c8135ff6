/** Steps for one field that exists in both the published model and the draft. */
import type { Entity } from '../document';
import type { Field } from '../fields';
import { quoteIdent } from '../names';
import { columnType, defaultExpression, sqlLiteral } from '../sql-types';
import { columnDefinition, fieldChecks, fieldIndexes } from '../ddl/create';
import { objectName } from '../ddl/physical';
import { failsToConvert, conversionExpression } from './cast';
import { columnConstraints, columnIndexes, count, qualified } from './catalog';
import { type PlanStep, type Queryable, stepId, trashName } from './types';

export interface FieldContext {
  db: Queryable;
  schema: string;
  entity: Entity;
  now: Date;
}

const label = (entity: Entity, field: Field) => `${entity.code}.${field.code}`;

/** Adding a column: a required column on a table with rows needs a default for them. */
export async function addFieldSteps(
  { db, schema, entity }: FieldContext,
  field: Field,
  tableIsNew: boolean,
): Promise<PlanStep[]> {
  const table = qualified(schema, entity.code);
  const steps: PlanStep[] = [];
  const id = stepId('add-field', entity.id, field.id);
  const rows = tableIsNew ? 0 : await count(db, `SELECT count(*) AS n FROM ${table}`);
  const blocked =
    field.required && field.default === undefined && field.type !== 'computed' && rows > 0;
  steps.push({
    id,
    kind: 'add-field',
    summary: `Add field ${label(entity, field)} (${field.type})`,
    sql: [
      `ALTER TABLE ${table} ADD COLUMN ${columnDefinition(entity, field)}`,
      ...fieldChecks(entity, field).map((c) => `ALTER TABLE ${table} ADD ${c}`),
    ],
    risk: blocked ? 'blocked' : 'safe',
    ...(blocked
      ? {
          rows,
          reason: `${rows} existing row(s) would have no value for the required field; give it a default`,
        }
      : {}),
  });
  steps.push(
    ...fieldIndexes(schema, entity, field).map((s, i) => ({
      id: stepId('add-field-index', entity.id, field.id, i),
      kind: 'add-index',
      summary: s.summary,
      sql: [s.sql],
      risk: 'safe' as const,
    })),
  );
  return steps;
}

/** Moving a column aside instead of dropping it: renamed to a trash name, nullable, restorable. */
export async function dropFieldSteps(
  { db, schema, entity, now }: FieldContext,
  field: Pick<Field, 'id' | 'code' | 'type'>,
  reasonPrefix = '',
): Promise<PlanStep[]> {
  const table = qualified(schema, entity.code);
  const column = quoteIdent(field.code);
  if (field.type === 'computed') {
    return [
      {
        id: stepId('drop-field', entity.id, field.id),
        kind: 'drop-field',
        summary: `Remove computed field ${entity.code}.${field.code}`,
        sql: [`ALTER TABLE ${table} DROP COLUMN ${column}`],
        risk: 'safe',
      },
    ];
  }
  const rows = await count(db, `SELECT count(*) AS n FROM ${table} WHERE ${column} IS NOT NULL`);
  const trash = trashName(field.code, now);
  const dropped: string[] = [];
  for (const name of await columnConstraints(db, schema, entity.code, field.code, 'c'))
    dropped.push(`ALTER TABLE ${table} DROP CONSTRAINT ${quoteIdent(name)}`);
  for (const index of await columnIndexes(db, schema, entity.code, field.code))
    dropped.push(`DROP INDEX ${quoteIdent(schema)}.${quoteIdent(index.name)}`);
  return [
    {
      id: stepId('drop-field', entity.id, field.id),
      kind: 'drop-field',
      summary: `${reasonPrefix}Remove field ${entity.code}.${field.code}; its data moves to ${trash}`,
      sql: [
        ...dropped,
        `ALTER TABLE ${table} ALTER COLUMN ${column} DROP NOT NULL`,
        `ALTER TABLE ${table} RENAME COLUMN ${column} TO ${quoteIdent(trash)}`,
      ],
      risk: 'needs-confirmation',
      rows,
      reason: `${rows} row(s) hold a value; it is kept in ${trash} and can be restored`,
      trash: { table: entity.code, column: field.code, trashName: trash },
    },
  ];
}

export async function changeFieldSteps(
  ctx: FieldContext,
  before: Field,
  after: Field,
): Promise<PlanStep[]> {
  const { db, schema, entity, now } = ctx;
  const table = qualified(schema, entity.code);
  const column = quoteIdent(after.code);
  const steps: PlanStep[] = [];
  const name = label(entity, after);

  if (before.code !== after.code) {
    steps.push({
      id: stepId('rename-field', entity.id, after.id, before.code, after.code),
      kind: 'rename-field',
      summary: `Rename field ${entity.code}.${before.code} to ${after.code}`,
      sql: [`ALTER TABLE ${table} RENAME COLUMN ${quoteIdent(before.code)} TO ${column}`],
      risk: 'safe',
    });
  }

  // Computed columns hold derived data: replace them when their definition changes.
  if (before.type === 'computed' || after.type === 'computed') {
    if (
      before.type === 'computed' &&
      after.type === 'computed' &&
      JSON.stringify({ ...before, code: '', name: '', description: '' }) ===
        JSON.stringify({ ...after, code: '', name: '', description: '' })
    )
      return steps;
    if (before.type === 'computed' && after.type === 'computed') {
      steps.push({
        id: stepId('recompute-field', entity.id, after.id, after),
        kind: 'recompute-field',
        summary: `Recompute ${name} as ${after.expression}`,
        sql: [
          `ALTER TABLE ${table} DROP COLUMN ${column}`,
          `ALTER TABLE ${table} ADD COLUMN ${columnDefinition(entity, after)}`,
        ],
        risk: 'safe',
      });
      return steps;
    }
    steps.push(...(await dropFieldSteps(ctx, { ...before, code: after.code }, 'Type change: ')));
    steps.push(...(await addFieldSteps(ctx, after, false)));
    return steps;
  }

  const fromType = columnType(before);
  const toType = columnType(after);
  if (fromType !== toType) {
    // Counted now, on the column's current name; the conversion runs after any rename.
    const failing = await count(
      db,
      `SELECT count(*) AS n FROM ${table} WHERE ${failsToConvert(before.code, toType)}`,
    );
    const alter = `ALTER TABLE ${table} ALTER COLUMN ${column} TYPE ${toType} USING ${conversionExpression(after.code, toType)}`;
    const id = stepId('retype-field', entity.id, after.id, fromType, toType);
    if (failing === 0) {
      steps.push({
        id,
        kind: 'retype-field',
        summary: `Change ${name} from ${fromType} to ${toType}; every value converts`,
        sql: [alter],
        risk: 'safe',
        rows: 0,
      });
    } else {
      const backup = trashName(after.code, now);
      const optional = !after.required;
      steps.push({
        id,
        kind: 'retype-field',
        summary: `Change ${name} from ${fromType} to ${toType}`,
        sql: [alter],
        risk: 'blocked',
        rows: failing,
        reason: optional
          ? `${failing} value(s) would not convert to ${toType}`
          : `${failing} value(s) would not convert to ${toType}, and the field is required; make it optional or fix those rows`,
        ...(optional
          ? {
              conversion: {
                summary: `Keep the ${failing} unconvertible value(s) in ${backup} and leave ${name} empty there`,
                sql: [
                  `ALTER TABLE ${table} ADD COLUMN ${quoteIdent(backup)} ${fromType}`,
                  `UPDATE ${table} SET ${quoteIdent(backup)} = ${column} WHERE ${failsToConvert(after.code, toType)}`,
                  `UPDATE ${table} SET ${column} = NULL WHERE ${quoteIdent(backup)} IS NOT NULL`,
                  alter,
                ],
              },
            }
          : {}),
      });
    }
  }

  // Enum options live in a CHECK constraint.
  const beforeOptions = 'options' in before ? before.options : null;
  const afterOptions = 'options' in after ? after.options : null;
  if (
    JSON.stringify(beforeOptions) !== JSON.stringify(afterOptions) ||
    before.type !== after.type
  ) {
    const dropChecks = (await columnConstraints(db, schema, entity.code, before.code, 'c')).map(
      (c) => `ALTER TABLE ${table} DROP CONSTRAINT ${quoteIdent(c)}`,
    );
    const addChecks = fieldChecks(entity, after).map((c) => `ALTER TABLE ${table} ADD ${c}`);
    if (dropChecks.length || addChecks.length) {
      let outside = 0;
      const current = quoteIdent(before.code);
      if (after.type === 'enum')
        outside = await count(
          db,
          `SELECT count(*) AS n FROM ${table} WHERE ${current} IS NOT NULL AND NOT (${current}::text IN (${after.options.map(sqlLiteral).join(', ')}))`,
        );
      if (after.type === 'enum-multi')
        outside = await count(
          db,
          `SELECT count(*) AS n FROM ${table} WHERE ${current} IS NOT NULL AND NOT (${current}::text[] <@ ${sqlLiteral(after.options)})`,
        );
      steps.push({
        id: stepId('enum-options', entity.id, after.id, afterOptions),
        kind: 'enum-options',
        summary: `Allow ${name} to be ${afterOptions ? afterOptions.join(', ') : 'any value'}`,
        sql: [...dropChecks, ...addChecks],
        risk: outside > 0 ? 'blocked' : 'safe',
        ...(outside > 0
          ? { rows: outside, reason: `${outside} row(s) hold a value outside the new options` }
          : {}),
      });
    }
  }

  if (!before.required && after.required) {
    const nulls = await count(
      db,
      `SELECT count(*) AS n FROM ${table} WHERE ${quoteIdent(before.code)} IS NULL`,
    );
    const fill = defaultExpression(after);
    const id = stepId('require-field', entity.id, after.id);
    if (nulls > 0 && !fill) {
      steps.push({
        id,
        kind: 'require-field',
        summary: `Make ${name} required`,
        sql: [`ALTER TABLE ${table} ALTER COLUMN ${column} SET NOT NULL`],
        risk: 'blocked',
        rows: nulls,
        reason: `${nulls} row(s) have no value; give the field a default for them`,
      });
    } else {
      steps.push({
        id,
        kind: 'require-field',
        summary:
          nulls > 0
            ? `Make ${name} required; ${nulls} empty row(s) get the default`
            : `Make ${name} required`,
        sql: [
          ...(nulls > 0 ? [`UPDATE ${table} SET ${column} = ${fill} WHERE ${column} IS NULL`] : []),
          `ALTER TABLE ${table} ALTER COLUMN ${column} SET NOT NULL`,
        ],
        risk: nulls > 0 ? 'needs-confirmation' : 'safe',
        ...(nulls > 0
          ? { rows: nulls, reason: `${nulls} empty row(s) are filled with the default` }
          : {}),
      });
    }
  } else if (before.required && !after.required) {
    steps.push({
      id: stepId('optional-field', entity.id, after.id),
      kind: 'optional-field',
      summary: `Make ${name} optional`,
      sql: [`ALTER TABLE ${table} ALTER COLUMN ${column} DROP NOT NULL`],
      risk: 'safe',
    });
  }

  const beforeDefault = defaultExpression(before);
  const afterDefault = defaultExpression(after);
  if (beforeDefault !== afterDefault || (fromType !== toType && afterDefault)) {
    steps.push({
      id: stepId('field-default', entity.id, after.id, afterDefault),
      kind: 'field-default',
      summary: afterDefault
        ? `Default ${name} to ${afterDefault}`
        : `Remove the default of ${name}`,
      sql: [
        `ALTER TABLE ${table} ALTER COLUMN ${column} ${afterDefault ? `SET DEFAULT ${afterDefault}` : 'DROP DEFAULT'}`,
      ],
      risk: 'safe',
    });
  }

  const wasUnique = !!before.unique;
  const isUnique = !!after.unique;
  const wasIndexed = wasUnique || !!before.indexed;
  const isIndexed = isUnique || !!after.indexed;
  if (wasUnique !== isUnique || wasIndexed !== isIndexed) {
    const drops = (await columnIndexes(db, schema, entity.code, before.code)).map(
      (i) => `DROP INDEX ${quoteIdent(schema)}.${quoteIdent(i.name)}`,
    );
    const creates = fieldIndexes(schema, entity, after).map((s) => s.sql);
    let duplicates = 0;
    if (isUnique && !wasUnique) {
      const live = entity.softDelete ? ` AND ${quoteIdent('deleted_at')} IS NULL` : '';
      duplicates = await count(
        db,
        `SELECT coalesce(sum(n), 0) AS n FROM (SELECT count(*) AS n FROM ${table} WHERE ${quoteIdent(before.code)} IS NOT NULL${live} GROUP BY ${quoteIdent(before.code)} HAVING count(*) > 1) d`,
      );
    }
    steps.push({
      id: stepId('field-index', entity.id, after.id, isUnique, isIndexed),
      kind: isUnique && !wasUnique ? 'add-unique' : 'field-index',
      summary: isUnique
        ? `Make ${name} unique`
        : isIndexed
          ? `Index ${name}`
          : `Drop the index on ${name}`,
      sql: [...drops, ...creates],
      risk: duplicates > 0 ? 'blocked' : 'safe',
      ...(duplicates > 0
        ? { rows: duplicates, reason: `${duplicates} row(s) share a value with another row` }
        : {}),
    });
  }
  return steps;
}

export { objectName };
