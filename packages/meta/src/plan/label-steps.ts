/**
 * Changes that alter no table but what people see or what values are accepted: the names and
 * descriptions of the project, its entities and fields, and fields' validation rules. They run
 * no SQL, yet a publish makes them live on every data page and in every write, so the plan lists
 * each one for review (a renamed label is shown to every viewer; a loosened rule accepts what
 * was refused).
 */
import type { Entity, ModelDocument } from '../document';
import type { Field } from '../fields';
import { about, type PlanStep, stepId } from './types';

const shown = (value: unknown) => (value === undefined ? '(none)' : JSON.stringify(value));

function changed(
  subject: string,
  what: string,
  id: unknown,
  before: unknown,
  after: unknown,
): PlanStep[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [
    {
      id: stepId('change-label', id, what, after),
      kind: what === 'validation rules' ? 'change-rules' : 'change-label',
      summary: `Change the ${what} of ${subject} from ${shown(before)} to ${shown(after)}`,
      sql: [],
      risk: 'safe',
    },
  ];
}

function fieldSteps(entity: Entity, old: Field, field: Field): PlanStep[] {
  const subject = `field ${entity.code}.${field.code}`;
  return about({ entity: entity.id, field: field.id })([
    ...changed(subject, 'name', field.id, old.name, field.name),
    ...changed(subject, 'description', field.id, old.description, field.description),
    ...changed(subject, 'validation rules', field.id, old.validation, field.validation),
  ]);
}

/** The steps for what changed in names, descriptions and rules of what both documents have. */
export function labelSteps(before: ModelDocument, draft: ModelDocument): PlanStep[] {
  const steps = [
    ...changed(`project ${draft.project}`, 'name', draft.project, before.name, draft.name),
    ...changed(
      `project ${draft.project}`,
      'description',
      draft.project,
      before.description,
      draft.description,
    ),
  ];
  const oldEntities = new Map(before.entities.map((e) => [e.id, e]));
  for (const entity of draft.entities) {
    const old = oldEntities.get(entity.id);
    if (!old) continue;
    const subject = `entity ${entity.code}`;
    steps.push(
      ...about({ entity: entity.id })([
        ...changed(subject, 'name', entity.id, old.name, entity.name),
        ...changed(subject, 'description', entity.id, old.description, entity.description),
      ]),
    );
    const oldFields = new Map(old.fields.map((f) => [f.id, f]));
    for (const field of entity.fields) {
      const previous = oldFields.get(field.id);
      if (previous) steps.push(...fieldSteps(entity, previous, field));
    }
  }
  return steps;
}
