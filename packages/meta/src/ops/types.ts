/**
 * Model operations: the typed edits a designer, the console's forms and the sync endpoints send.
 * They name entities, fields, relations and notes by their stable ids, so one modeler's rename
 * never breaks another's edit of the same thing, and each one says exactly which properties it
 * writes (see keys.ts), so the server can apply edits made on an older revision when they touch
 * nothing that changed since.
 *
 * Layout operations (`layout.move`, notes) change where things sit on the diagram, not the
 * schema: they are saved with the model but are not a model change (last writer wins).
 */
import { z } from 'zod';

import {
  ENTITY_MODES,
  ON_DELETE,
  RELATION_TYPES,
  ZEjectedService,
  ZEntity,
  ZNote,
  ZPosition,
  ZRelation,
} from '../document';
import { ZField } from '../fields';

const ZId = z.uuid();

/** A property set to null is removed (a default, a description). */
const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

export const ZEntityChanges = z
  .object({
    code: ZEntity.shape.code.optional(),
    name: nullable(z.string().max(100)),
    description: nullable(z.string().max(2000)),
    category: nullable(z.string().max(100)),
    softDelete: nullable(z.boolean()),
    systemFields: nullable(ZEntity.shape.systemFields.unwrap()),
    mode: nullable(z.enum(ENTITY_MODES)),
  })
  .strict();

/** Field properties to set; the whole field is checked against its type once they are applied. */
export const ZFieldChanges = z
  .partialRecord(
    z.enum([
      'code',
      'name',
      'description',
      'type',
      'length',
      'precision',
      'scale',
      'options',
      'expression',
      'resultType',
      'required',
      'unique',
      'indexed',
      'default',
      'validation',
    ]),
    z.json(),
  )
  .refine((changes) => Object.keys(changes).length > 0, 'Name at least one property to change');

export const ZRelationChanges = z
  .object({
    code: ZRelation.shape.code.optional(),
    type: z.enum(RELATION_TYPES).optional(),
    /** Entity ids. */
    from: ZId.optional(),
    to: ZId.optional(),
    through: nullable(ZId),
    field: nullable(z.string()),
    inverse: nullable(z.string()),
    required: nullable(z.boolean()),
    onDelete: nullable(z.enum(ON_DELETE)),
  })
  .strict();

/** A relation as an operation carries it: its ends are entity ids, not codes. */
export const ZRelationBody = ZRelation.omit({
  from: true,
  to: true,
  through: true,
  renamedFrom: true,
}).extend({ id: ZId });

const ZEntityBody = ZEntity.omit({ renamedFrom: true, position: true }).extend({
  id: ZId,
  fields: z.array(ZField.and(z.object({ id: ZId }))).max(500),
});

export const ZModelOp = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('project.update'),
    changes: z
      .object({
        name: nullable(z.string().max(100)),
        description: nullable(z.string().max(2000)),
        service: nullable(ZEjectedService),
      })
      .strict(),
  }),
  z.object({
    op: z.literal('entity.create'),
    entity: ZEntityBody,
    position: ZPosition.optional(),
    /** Where in the document's list; the end when omitted. */
    index: z.number().int().min(0).optional(),
  }),
  z.object({ op: z.literal('entity.update'), id: ZId, changes: ZEntityChanges }),
  z.object({ op: z.literal('entity.delete'), id: ZId }),
  z.object({
    op: z.literal('field.create'),
    entity: ZId,
    field: ZField.and(z.object({ id: ZId })),
    index: z.number().int().min(0).optional(),
  }),
  z.object({ op: z.literal('field.update'), entity: ZId, id: ZId, changes: ZFieldChanges }),
  z.object({ op: z.literal('field.delete'), entity: ZId, id: ZId }),
  z.object({
    op: z.literal('field.move'),
    entity: ZId,
    id: ZId,
    index: z.number().int().min(0),
  }),
  z.object({
    op: z.literal('relation.create'),
    relation: ZRelationBody,
    from: ZId,
    to: ZId,
    through: ZId.optional(),
    index: z.number().int().min(0).optional(),
  }),
  z.object({ op: z.literal('relation.update'), id: ZId, changes: ZRelationChanges }),
  z.object({ op: z.literal('relation.delete'), id: ZId }),
  z.object({
    op: z.literal('layout.move'),
    /** Entity or note id → where it now sits (null: not placed yet, laid out automatically). */
    positions: z.record(ZId, ZPosition.nullable()),
  }),
  z.object({ op: z.literal('note.create'), note: ZNote }),
  z.object({
    op: z.literal('note.update'),
    id: ZId,
    changes: z
      .object({ text: ZNote.shape.text.optional(), color: nullable(ZNote.shape.color.unwrap()) })
      .strict(),
  }),
  z.object({ op: z.literal('note.delete'), id: ZId }),
]);

export type ModelOp = z.infer<typeof ZModelOp>;
export type ModelOpKind = ModelOp['op'];
export type OpOf<K extends ModelOpKind> = Extract<ModelOp, { op: K }>;

/** Operations that only move things on the diagram or annotate it: not model changes. */
export const LAYOUT_OPS: readonly ModelOpKind[] = [
  'layout.move',
  'note.create',
  'note.update',
  'note.delete',
];

export const isLayoutOp = (op: ModelOp) => LAYOUT_OPS.includes(op.op);

/** One edit as the user made it: the operations of one gesture, applied all or none. */
export const ZOpBatch = z.array(ZModelOp).min(1).max(200);
