/**
 * Compares the published model with the draft, by stable id, and produces the ordered steps
 * that take the database from one to the other. Counts come from the live tables, so every
 * risky step says how many rows it touches. Planning changes nothing.
 */
import type { Entity, ModelDocument } from '../document';
import { relationField } from '../document';
import { createProjectDdl } from '../ddl/create';
import { quoteIdent } from '../names';
import { CAN_CAST_FUNCTION } from './cast';
import { count, qualified, schemaExists } from './catalog';
import { listIndexSteps, softDeleteStep, systemFieldSteps } from './entity-steps';
import { labelSteps } from './label-steps';
import { addFieldSteps, changeFieldSteps, dropFieldSteps } from './field-steps';
import {
  addRelationSteps,
  alterRelationSteps,
  dropRelationSteps,
  entityIdOf,
  relationShapeChanged,
} from './relation-steps';
import { about, type Plan, type PlanStep, type Queryable, stepId, trashName } from './types';

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
    steps.push(
      ...about({ relation: relation.id })(
        await dropRelationSteps(db, schema, before, relation, now),
      ),
    );

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
        target: { entity: entity.id },
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
          ...about({ entity: entity.id, field: field.id })(
            await dropFieldSteps({ ...ctx, entity: { ...entity, code: old.code } }, field),
          ),
        );
    for (const field of entity.fields) {
      const previous = oldFields.get(field.id!);
      fieldSteps.push(
        ...about({ entity: entity.id, field: field.id })(
          previous
            ? await changeFieldSteps(
                { ...ctx, entity: { ...entity, code: old.code } },
                previous,
                field,
              )
            : await addFieldSteps({ ...ctx, entity: { ...entity, code: old.code } }, field, false),
        ),
      );
    }
    const ofEntity = about({ entity: entity.id });
    if (!!old.softDelete !== !!entity.softDelete) {
      fieldSteps.push(...ofEntity([await softDeleteStep({ db, schema, now }, old, entity)]));
    }
    fieldSteps.push(
      ...ofEntity([
        ...(await systemFieldSteps(
          { db, schema, now },
          { ...entity, code: old.code },
          old,
          entity,
        )),
        ...(await listIndexSteps({ db, schema }, { ...entity, code: old.code }, entity)),
      ]),
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
      target: { entity: old.id },
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
      target: { entity: entity.id },
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
          target: { relation: relation.id },
        });
      }
      steps.push(
        ...about({ relation: relation.id })(
          await alterRelationSteps(db, schema, old, relation, oldFromCode),
        ),
      );
      continue;
    }
    steps.push(
      ...about({ relation: relation.id })(
        await addRelationSteps(
          db,
          schema,
          draft,
          relation,
          !oldEntities.has(newEntities.get(entityIdOf(draft, relation.from))?.id ?? ''),
        ),
      ),
    );
  }

  // 6. Names, descriptions and rules: no SQL, but live on every page and write once published.
  if (published) steps.push(...labelSteps(published, draft));
  return { steps };
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
