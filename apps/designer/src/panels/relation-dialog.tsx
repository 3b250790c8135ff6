/**
 * After dragging from one entity to another: the relation to create (its type, code, foreign key
 * field, inverse name, on-delete), checked with the publishing rules as it is filled in. A
 * many-to-many also creates its junction entity, in the same undoable edit.
 */
import {
  type ModelDocument,
  type ModelOp,
  ON_DELETE,
  RELATION_TYPES,
  type Relation,
} from '@tessera/meta';
import { useMemo, useState } from 'react';

import { useDesigner, useDesignerState } from '../model/context';
import { ruleProblem } from '../model/store';

export interface RelationDraft {
  from: string;
  to: string;
  /** Dragged from this field's row: the field becomes the relation's foreign key. */
  fromField?: string;
}

function unique(base: string, taken: (code: string) => boolean) {
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}_${i}`)) return `${base}_${i}`;
}

/** The operations that create the relation described by `form`. */
export function relationOps(
  model: ModelDocument,
  from: string,
  to: string,
  form: {
    type: Relation['type'];
    code: string;
    field: string;
    inverse: string;
    onDelete: string;
    required: boolean;
  },
  ids: { relation: string; junction: string },
  /** A field of `from` the relation takes the place of (its key keeps the field's code). */
  replacing?: string,
): ModelOp[] {
  const replaced: ModelOp[] = replacing
    ? [{ op: 'field.delete', entity: from, id: replacing }]
    : [];
  const relation = {
    id: ids.relation,
    code: form.code,
    type: form.type,
    ...(form.field ? { field: form.field } : {}),
    ...(form.inverse ? { inverse: form.inverse } : {}),
    ...(form.type !== 'many-to-many'
      ? {
          onDelete: form.onDelete as Relation['onDelete'],
          ...(form.required ? { required: true } : {}),
        }
      : {}),
  };
  if (form.type !== 'many-to-many')
    return [...replaced, { op: 'relation.create', relation, from, to }];
  const fromCode = model.entities.find((e) => e.id === from)?.code;
  const toCode = model.entities.find((e) => e.id === to)?.code;
  return [
    ...replaced,
    {
      op: 'entity.create',
      entity: { id: ids.junction, code: form.code, name: `${fromCode} ↔ ${toCode}`, fields: [] },
    },
    { op: 'relation.create', relation, from, to, through: ids.junction },
  ];
}

/** Sensible first values: `order_customer`, field `customer`, inverse `orders`. */
export function defaultRelation(
  model: ModelDocument,
  from: string,
  to: string,
  fromField?: string,
) {
  const source = model.entities.find((e) => e.id === from)!;
  const target = model.entities.find((e) => e.id === to)!;
  const dragged = source.fields.find((f) => f.id === fromField);
  const taken = (code: string) =>
    model.relations.some((r) => r.code === code) || model.entities.some((e) => e.code === code);
  const fieldTaken = (entity: typeof source) => (code: string) =>
    entity.fields.some((f) => f.code === code) ||
    model.relations.some(
      (r) =>
        (r.from === entity.code && (r.field ?? r.to) === code) ||
        (r.to === entity.code && r.inverse === code),
    );
  const self = source.id === target.id;
  return {
    type: 'many-to-one' as Relation['type'],
    code: unique(`${source.code}_${self ? 'parent' : target.code}`, taken),
    field: dragged ? dragged.code : unique(self ? 'parent' : target.code, fieldTaken(source)),
    inverse: unique(self ? 'children' : `${source.code}s`, fieldTaken(target)),
    onDelete: 'restrict',
    required: false,
  };
}

export function RelationDialog({ draft, close }: { draft: RelationDraft; close: () => void }) {
  const designer = useDesigner();
  const model = useDesignerState((s) => s.model)!;
  const [form, setForm] = useState(() =>
    defaultRelation(model, draft.from, draft.to, draft.fromField),
  );
  const ids = useMemo(() => ({ relation: crypto.randomUUID(), junction: crypto.randomUUID() }), []);
  const ops = relationOps(model, draft.from, draft.to, form, ids, draft.fromField);
  const dragged = model.entities
    .find((e) => e.id === draft.from)
    ?.fields.find((f) => f.id === draft.fromField);
  const problem = ruleProblem(model, ops);
  const from = model.entities.find((e) => e.id === draft.from)?.code;
  const to = model.entities.find((e) => e.id === draft.to)?.code;
  const set = (change: Partial<typeof form>) => setForm({ ...form, ...change });
  return (
    <div className="dialog-backdrop" role="presentation" onClick={close}>
      <form
        className="dialog"
        role="dialog"
        aria-label="New relation"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          if (problem) return;
          designer.queue(`relate ${from} to ${to}`, ops);
          close();
        }}
      >
        <h2>
          Relate {from} → {to}
        </h2>
        {dragged ? (
          <p className="muted">
            The field {dragged.code} becomes the relation’s{' '}
            {form.type === 'many-to-many' ? 'list' : 'foreign key'}.
          </p>
        ) : null}
        <label className="prop">
          <span>Type</span>
          <select
            aria-label="Relation type"
            value={form.type}
            onChange={(e) => set({ type: e.target.value as Relation['type'] })}
          >
            {RELATION_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        {(
          [
            ['code', 'Code'],
            [
              'field',
              form.type === 'many-to-many' ? `List field on ${from}` : `Foreign key on ${from}`,
            ],
            ['inverse', `Inverse on ${to}`],
          ] as const
        ).map(([key, label]) => (
          <label className="prop" key={key}>
            <span>{label}</span>
            <input
              aria-label={label}
              value={form[key]}
              onChange={(e) => set({ [key]: e.target.value })}
            />
          </label>
        ))}
        {form.type !== 'many-to-many' ? (
          <>
            <label className="prop">
              <span>On delete of {to}</span>
              <select
                aria-label="On delete"
                value={form.onDelete}
                onChange={(e) => set({ onDelete: e.target.value })}
              >
                {ON_DELETE.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            </label>
            <label className="prop">
              <span>Required</span>
              <input
                type="checkbox"
                checked={form.required}
                onChange={(e) => set({ required: e.target.checked })}
              />
            </label>
          </>
        ) : null}
        {problem ? (
          <p className="problem" role="alert">
            {problem}
          </p>
        ) : null}
        <footer>
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={Boolean(problem)}>
            Create relation
          </button>
        </footer>
      </form>
    </div>
  );
}
