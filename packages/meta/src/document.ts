/**
 * The model document: one JSON/YAML form of a whole project, used for export, import, sync and
 * versions. Entities, fields and relations carry stable ids; a document without ids renames
 * only through an explicit `renamedFrom`.
 */
import { z } from 'zod';

import { compileComputed } from './computed';
import { type Field, validationProblems, ZDefaultFunction, ZField } from './fields';
import { codeProblem } from './names';
import { patternProblem } from './patterns';
import { checkValue } from './values';

const codeOf = (kind: 'project' | 'entity' | 'relation') =>
  z.string().superRefine((code, ctx) => {
    const problem = codeProblem(kind, code);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const OPTIONAL_SYSTEM_FIELDS = [
  'created_at',
  'updated_at',
  'created_by',
  'updated_by',
  'version',
] as const;

export const ZPosition = z.object({ x: z.number().finite(), y: z.number().finite() }).strict();

/**
 * How an entity is served: live from its metadata by the runtime (`interpreted`, the default),
 * or by the project's ejected service, to which the runtime forwards its requests (`ejected`).
 */
export const ENTITY_MODES = ['interpreted', 'ejected'] as const;
export type EntityMode = (typeof ENTITY_MODES)[number];

/** The project's ejected service: where the runtime forwards requests for ejected entities. */
export const ZEjectedService = z.object({ url: z.url({ protocol: /^https?$/ }).max(500) }).strict();

export const ZEntity = z
  .object({
    id: z.uuid().optional(),
    code: codeOf('entity'),
    name: z.string().max(100).optional(),
    description: z.string().max(2000).optional(),
    category: z.string().max(100).optional(),
    position: ZPosition.optional(),
    softDelete: z.boolean().optional(),
    /** Which optional system columns to add; all of them when omitted. `id` is always there. */
    systemFields: z.array(z.enum(OPTIONAL_SYSTEM_FIELDS)).optional(),
    renamedFrom: z.string().optional(),
    mode: z.enum(ENTITY_MODES).optional(),
    fields: z.array(ZField).max(500).default([]),
  })
  .strict();

export const RELATION_TYPES = ['many-to-one', 'one-to-one', 'many-to-many'] as const;
export const ON_DELETE = ['restrict', 'cascade', 'set-null'] as const;

export const ZRelation = z
  .object({
    id: z.uuid().optional(),
    code: codeOf('relation'),
    type: z.enum(RELATION_TYPES),
    from: z.string(),
    to: z.string(),
    /** The field on `from`: the foreign key column (to-one) or the list of ids (many-to-many). */
    field: z.string().optional(),
    /** The field on `to` that lists the `from` rows (one-to-many / many-to-many back-reference). */
    inverse: z.string().optional(),
    required: z.boolean().optional(),
    onDelete: z.enum(ON_DELETE).optional(),
    /** Many-to-many only: the visible junction entity, which may carry its own fields. */
    through: z.string().optional(),
    renamedFrom: z.string().optional(),
  })
  .strict();

/** A note on the diagram: part of the layout, not of the schema (no publish step). */
export const ZNote = z
  .object({
    id: z.uuid(),
    text: z.string().max(2000),
    position: ZPosition,
    color: z
      .string()
      .regex(/^#[0-9a-f]{6}$/i)
      .optional(),
  })
  .strict();

export const ZModelDocumentShape = z
  .object({
    project: codeOf('project'),
    name: z.string().max(100).optional(),
    description: z.string().max(2000).optional(),
    entities: z.array(ZEntity).max(1000).default([]),
    relations: z.array(ZRelation).max(2000).default([]),
    notes: z.array(ZNote).max(500).optional(),
    service: ZEjectedService.optional(),
  })
  .strict();

export type Entity = z.infer<typeof ZEntity>;
export type Relation = z.infer<typeof ZRelation>;
export type Note = z.infer<typeof ZNote>;
export type Position = z.infer<typeof ZPosition>;
export type ModelDocument = z.infer<typeof ZModelDocumentShape>;
export type ModelDocumentInput = z.input<typeof ZModelDocumentShape>;

/** The field a relation adds to its `from` entity (to-one: the FK column). */
export function relationField(relation: Relation): string {
  return relation.field ?? relation.to;
}

/** Cross-references that one object's schema cannot see: uniqueness, references, expressions. */
function checkDocument(doc: ModelDocument, ctx: z.RefinementCtx) {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  const ids = new Map<string, string>();
  const claimId = (id: string | undefined, path: (string | number)[]) => {
    if (!id) return;
    if (ids.has(id)) issue([...path, 'id'], `id ${id} is used twice (also at ${ids.get(id)})`);
    else ids.set(id, path.join('.'));
  };

  const entities = new Map<string, { entity: Entity; index: number; names: Set<string> }>();
  doc.entities.forEach((entity, e) => {
    claimId(entity.id, ['entities', e]);
    if (entity.mode === 'ejected' && !doc.service)
      issue(
        ['entities', e, 'mode'],
        `Entity '${entity.code}' is ejected: set the project's service URL (where its service runs)`,
      );
    if (entities.has(entity.code))
      issue(['entities', e, 'code'], `Entity '${entity.code}' is defined twice`);
    const names = new Set<string>();
    entity.fields.forEach((field, f) => {
      const path = ['entities', e, 'fields', f];
      claimId(field.id, path);
      if (names.has(field.code))
        issue([...path, 'code'], `Field '${field.code}' is defined twice in '${entity.code}'`);
      names.add(field.code);
      for (const problem of validationProblems(field))
        issue([...path, 'validation'], `${entity.code}.${field.code}: ${problem}`);
      checkDefault(field, (message) =>
        issue([...path, 'default'], `${entity.code}.${field.code}: ${message}`),
      );
    });
    const writable = new Set(entity.fields.filter((f) => f.type !== 'computed').map((f) => f.code));
    entity.fields.forEach((field, f) => {
      if (field.type !== 'computed') return;
      const compiled = compileComputed(field.expression, writable);
      if (!compiled.ok)
        issue(
          ['entities', e, 'fields', f, 'expression'],
          `${entity.code}.${field.code}: ${compiled.message}`,
        );
      if (field.required || field.unique || field.default !== undefined) {
        issue(
          ['entities', e, 'fields', f],
          `${entity.code}.${field.code}: a computed field cannot be required, unique or have a default`,
        );
      }
    });
    entities.set(entity.code, { entity, index: e, names });
  });

  const relationCodes = new Set<string>();
  doc.relations.forEach((relation, r) => {
    const path = ['relations', r];
    claimId(relation.id, path);
    if (relationCodes.has(relation.code))
      issue([...path, 'code'], `Relation '${relation.code}' is defined twice`);
    relationCodes.add(relation.code);
    const from = entities.get(relation.from);
    const to = entities.get(relation.to);
    if (!from)
      issue([...path, 'from'], `Relation '${relation.code}': no entity '${relation.from}'`);
    if (!to) issue([...path, 'to'], `Relation '${relation.code}': no entity '${relation.to}'`);
    if (!from || !to) return;

    const field = relationField(relation);
    const fieldProblem = codeProblem('field', field);
    if (fieldProblem) issue([...path, 'field'], `Relation '${relation.code}': ${fieldProblem}`);
    else if (from.names.has(field))
      issue(
        [...path, 'field'],
        `Relation '${relation.code}': '${relation.from}' already has a field '${field}'`,
      );
    else from.names.add(field);

    if (relation.inverse !== undefined) {
      const inverseProblem = codeProblem('field', relation.inverse);
      if (inverseProblem)
        issue([...path, 'inverse'], `Relation '${relation.code}': ${inverseProblem}`);
      else if (to.names.has(relation.inverse))
        issue(
          [...path, 'inverse'],
          `Relation '${relation.code}': '${relation.to}' already has a field '${relation.inverse}'`,
        );
      else to.names.add(relation.inverse);
    }
    if (relation.required && relation.onDelete === 'set-null') {
      issue(
        [...path, 'onDelete'],
        `Relation '${relation.code}': a required relation cannot set null on delete`,
      );
    }
    if (relation.type === 'many-to-many') {
      const junction = relation.through !== undefined ? entities.get(relation.through) : undefined;
      if (relation.through !== undefined && !junction)
        issue(
          [...path, 'through'],
          `Relation '${relation.code}': no junction entity '${relation.through}'`,
        );
      else if (relation.through === relation.from || relation.through === relation.to) {
        issue(
          [...path, 'through'],
          `Relation '${relation.code}': the junction must be an entity of its own`,
        );
      } else if (junction) {
        const columns = [
          relation.from,
          relation.to === relation.from ? `related_${relation.to}` : relation.to,
        ];
        for (const column of columns) {
          if (junction.names.has(column))
            issue(
              [...path, 'through'],
              `Relation '${relation.code}': junction '${junction.entity.code}' already has a field '${column}'`,
            );
          junction.names.add(column);
        }
      } else if (entities.has(relation.code)) {
        issue(
          [...path, 'code'],
          `Relation '${relation.code}': its junction table would take the name of entity '${relation.code}'; name a 'through' entity`,
        );
      }
    } else if (relation.through !== undefined) {
      issue(
        [...path, 'through'],
        `Relation '${relation.code}': only many-to-many relations have a junction`,
      );
    }
  });
}

function checkDefault(field: Field, report: (message: string) => void) {
  const value = field.default;
  if (value === undefined) return;
  const fn = ZDefaultFunction.safeParse(value);
  if (fn.success) {
    const allowed = fn.data.fn === 'now' ? ['date', 'datetime', 'time'] : ['uuid'];
    if (!allowed.includes(field.type))
      report(`default ${fn.data.fn}() does not suit a ${field.type} field`);
    return;
  }
  // A pattern RE2 cannot run is reported (or tolerated in a stored document) on its own.
  const v = field.validation;
  const validation = v?.pattern && patternProblem(v.pattern) ? { ...v, pattern: undefined } : v;
  const result = checkValue({ ...field, required: false, validation }, value);
  if (!result.ok) report(`default: ${result.message}`);
}

export const ZModelDocument = ZModelDocumentShape.superRefine(checkDocument);
