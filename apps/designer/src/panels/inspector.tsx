/**
 * The side panel for what is selected: an entity's properties and field order, a field's every
 * parameter (by its type), a relation's ends and behaviour. Values are checked with the
 * publishing rules as they are typed; an edit is saved when it is committed (Enter, leaving the
 * input, a checkbox), as one undoable edit.
 */
import {
  COMPUTED_RESULT_TYPES,
  type Entity,
  FIELD_TYPES,
  type Field,
  type FieldType,
  isNumericType,
  isTextualType,
  type ModelOp,
  newField,
  ON_DELETE,
  OPTIONAL_SYSTEM_FIELDS,
  parseDefaultText,
  RELATION_TYPES,
  showDefaultText,
  typeParameters,
} from '@tessera/meta';
import { type ReactNode, useMemo, useState } from 'react';

import { useDesigner, useDesignerState } from '../model/context';
import { ruleProblem } from '../model/store';

function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="prop">
      <span>{label}</span>
      {children}
    </label>
  );
}

/** A text input that commits on Enter or blur. */
function TextProp(props: {
  label: string;
  value: string;
  disabled?: boolean;
  onDraft?: (text: string) => void;
  onCommit: (text: string) => void;
}) {
  const [text, setText] = useState(props.value);
  // Saved elsewhere (another modeler, undo): show the new value.
  const [shown, setShown] = useState(props.value);
  if (shown !== props.value) {
    setShown(props.value);
    setText(props.value);
  }
  const commit = () => text !== props.value && props.onCommit(text);
  return (
    <Labelled label={props.label}>
      <input
        aria-label={props.label}
        value={text}
        disabled={props.disabled}
        onChange={(e) => {
          setText(e.target.value);
          props.onDraft?.(e.target.value);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setText(props.value);
        }}
      />
    </Labelled>
  );
}

const numberOrNull = (text: string) => (text.trim() === '' ? null : Number(text));

function useEdit() {
  const designer = useDesigner();
  const model = useDesignerState((s) => s.model);
  const [problem, setProblem] = useState<string | null>(null);
  return {
    problem,
    /** Checks `ops` as they would be saved; shows the problem while typing. */
    check: (ops: ModelOp[]) => setProblem(model ? ruleProblem(model, ops) : null),
    commit: (label: string, ops: ModelOp[]) => setProblem(designer.queue(label, ops)),
  };
}

function EntityPanel({ entity }: { entity: Entity & { id: string } }) {
  const designer = useDesigner();
  const canEdit = useDesignerState((s) => s.canEdit);
  const { problem, check, commit } = useEdit();
  const update = (changes: Record<string, unknown>) => [
    { op: 'entity.update' as const, id: entity.id, changes },
  ];
  const system = entity.systemFields ?? [...OPTIONAL_SYSTEM_FIELDS];
  return (
    <section aria-label={`Entity ${entity.code}`}>
      <h2>Entity {entity.code}</h2>
      <TextProp
        label="Code"
        value={entity.code}
        disabled={!canEdit}
        onDraft={(code) => check(update({ code }))}
        onCommit={(code) => commit(`rename ${entity.code} to ${code}`, update({ code }))}
      />
      {(['name', 'category', 'description'] as const).map((key) => (
        <TextProp
          key={key}
          label={key[0]!.toUpperCase() + key.slice(1)}
          value={entity[key] ?? ''}
          disabled={!canEdit}
          onCommit={(text) =>
            commit(`set ${key} of ${entity.code}`, update({ [key]: text || null }))
          }
        />
      ))}
      <Labelled label="Soft delete">
        <input
          type="checkbox"
          disabled={!canEdit}
          checked={entity.softDelete ?? false}
          onChange={(e) =>
            commit(`soft delete ${entity.code}`, update({ softDelete: e.target.checked }))
          }
        />
      </Labelled>
      <fieldset className="system-fields">
        <legend>System fields</legend>
        {OPTIONAL_SYSTEM_FIELDS.map((code) => (
          <label key={code}>
            <input
              type="checkbox"
              disabled={!canEdit}
              checked={system.includes(code)}
              onChange={(e) =>
                commit(
                  `system fields of ${entity.code}`,
                  update({
                    systemFields: e.target.checked
                      ? OPTIONAL_SYSTEM_FIELDS.filter((c) => c === code || system.includes(c))
                      : system.filter((c) => c !== code),
                  }),
                )
              }
            />
            {code}
          </label>
        ))}
      </fieldset>
      <h3>Fields</h3>
      <ol className="field-order">
        {entity.fields.map((field, index) => (
          <li key={field.id}>
            <button
              type="button"
              className="link"
              onClick={() => designer.select({ entity: entity.id, field: field.id })}
            >
              {field.code}
            </button>
            <span className="field-type">{field.type}</span>
            {canEdit ? (
              <span className="actions">
                <button
                  type="button"
                  aria-label={`Move ${field.code} up`}
                  disabled={index === 0}
                  onClick={() =>
                    commit(`move ${field.code}`, [
                      { op: 'field.move', entity: entity.id, id: field.id!, index: index - 1 },
                    ])
                  }
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={`Move ${field.code} down`}
                  disabled={index === entity.fields.length - 1}
                  onClick={() =>
                    commit(`move ${field.code}`, [
                      { op: 'field.move', entity: entity.id, id: field.id!, index: index + 1 },
                    ])
                  }
                >
                  ↓
                </button>
                <button
                  type="button"
                  aria-label={`Delete field ${field.code}`}
                  onClick={() =>
                    commit(`delete field ${field.code}`, [
                      { op: 'field.delete', entity: entity.id, id: field.id! },
                    ])
                  }
                >
                  ✕
                </button>
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      {problem ? (
        <p className="problem" role="alert">
          {problem}
        </p>
      ) : null}
    </section>
  );
}

/** What changing a field's type sets: the new type's parameters, the old ones removed. */
function retype(field: Field, type: FieldType): Record<string, unknown> {
  const fresh = newField(field.code, type) as Record<string, unknown>;
  const changes: Record<string, unknown> = { type };
  for (const p of typeParameters(field.type))
    if (!typeParameters(type).includes(p)) changes[p] = null;
  for (const p of typeParameters(type)) if (!(p in field)) changes[p] = fresh[p];
  if (field.default !== undefined) changes.default = null;
  if (field.validation) changes.validation = null;
  return changes;
}

function FieldPanel({
  entity,
  field,
}: {
  entity: Entity & { id: string };
  field: Field & { id: string };
}) {
  const canEdit = useDesignerState((s) => s.canEdit);
  const { problem, check, commit } = useEdit();
  const ops = (changes: Record<string, unknown>): ModelOp[] => [
    { op: 'field.update', entity: entity.id, id: field.id, changes: changes },
  ];
  const set = (what: string, changes: Record<string, unknown>) =>
    commit(`${what} of ${entity.code}.${field.code}`, ops(changes));
  const text = (
    label: string,
    key: string,
    value: unknown,
    parse: (t: string) => unknown = (t) => t || null,
  ) => (
    <TextProp
      key={key}
      label={label}
      value={typeof value === 'string' || typeof value === 'number' ? String(value) : ''}
      disabled={!canEdit}
      onDraft={(t) => check(ops({ [key]: parse(t) }))}
      onCommit={(t) => set(`set ${key}`, { [key]: parse(t) })}
    />
  );
  const validation = field.validation ?? {};
  const rule = (label: string, key: keyof typeof validation, numeric = true) => (
    <TextProp
      key={key}
      label={label}
      value={validation[key] === undefined ? '' : String(validation[key])}
      disabled={!canEdit}
      onDraft={(t) =>
        check(ops({ validation: withRule(key, numeric ? numberOrNull(t) : t || null) }))
      }
      onCommit={(t) =>
        set(`set ${key}`, { validation: withRule(key, numeric ? numberOrNull(t) : t || null) })
      }
    />
  );
  const withRule = (key: string, value: unknown) => {
    const next: Record<string, unknown> = { ...validation, [key]: value };
    if (value === null) delete next[key];
    return Object.keys(next).length ? next : null;
  };
  const numeric = isNumericType(field.type);
  return (
    <section aria-label={`Field ${entity.code}.${field.code}`}>
      <h2>
        Field {entity.code}.{field.code}
      </h2>
      {text('Code', 'code', field.code, (t) => t)}
      {text('Name', 'name', field.name)}
      <Labelled label="Type">
        <select
          aria-label="Type"
          disabled={!canEdit}
          value={field.type}
          onChange={(e) => set('change type', retype(field, e.target.value as FieldType))}
        >
          {FIELD_TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </Labelled>
      {field.type === 'string' ? text('Length', 'length', field.length, numberOrNull) : null}
      {field.type === 'decimal' ? (
        <>
          {text('Precision', 'precision', field.precision, numberOrNull)}
          {text('Scale', 'scale', field.scale, numberOrNull)}
        </>
      ) : null}
      {field.type === 'enum' || field.type === 'enum-multi'
        ? text('Options (comma-separated)', 'options', field.options.join(', '), (t) =>
            t
              .split(',')
              .map((o) => o.trim())
              .filter(Boolean),
          )
        : null}
      {field.type === 'computed' ? (
        <>
          {text('Expression', 'expression', field.expression, (t) => t)}
          <Labelled label="Result type">
            <select
              aria-label="Result type"
              disabled={!canEdit}
              value={field.resultType}
              onChange={(e) => set('result type', { resultType: e.target.value })}
            >
              {COMPUTED_RESULT_TYPES.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </Labelled>
        </>
      ) : (
        <>
          {(['required', 'unique', 'indexed'] as const).map((key) => (
            <Labelled key={key} label={key[0]!.toUpperCase() + key.slice(1)}>
              <input
                type="checkbox"
                aria-label={key}
                disabled={!canEdit}
                checked={field[key] ?? false}
                onChange={(e) => set(key, { [key]: e.target.checked || null })}
              />
            </Labelled>
          ))}
          {text(
            'Default',
            'default',
            showDefaultText(field.default),
            (t) => parseDefaultText(field.type, t) ?? null,
          )}
        </>
      )}
      {numeric ? [rule('Minimum', 'min'), rule('Maximum', 'max')] : null}
      {isTextualType(field.type)
        ? [
            rule('Min length', 'minLength'),
            rule('Max length', 'maxLength'),
            rule('Pattern (RE2)', 'pattern', false),
          ]
        : null}
      {text('Description', 'description', field.description)}
      {problem ? (
        <p className="problem" role="alert">
          {problem}
        </p>
      ) : null}
    </section>
  );
}

function RelationPanel({ id }: { id: string }) {
  const model = useDesignerState((s) => s.model);
  const canEdit = useDesignerState((s) => s.canEdit);
  const { problem, check, commit } = useEdit();
  const relation = model?.relations.find((r) => r.id === id);
  if (!relation) return null;
  const ops = (changes: Record<string, unknown>): ModelOp[] => [
    { op: 'relation.update', id, changes: changes },
  ];
  const set = (what: string, changes: Record<string, unknown>) =>
    commit(`${what} of ${relation.code}`, ops(changes));
  return (
    <section aria-label={`Relation ${relation.code}`}>
      <h2>Relation {relation.code}</h2>
      <p className="muted">
        {relation.from} → {relation.to}
        {relation.through ? ` through ${relation.through}` : ''}
      </p>
      {(['code', 'field', 'inverse'] as const).map((key) => (
        <TextProp
          key={key}
          label={key[0]!.toUpperCase() + key.slice(1)}
          value={relation[key] ?? ''}
          disabled={!canEdit}
          onDraft={(t) => check(ops({ [key]: t || null }))}
          onCommit={(t) => set(`set ${key}`, { [key]: t || null })}
        />
      ))}
      <Labelled label="Type">
        <select
          aria-label="Relation type"
          disabled={!canEdit}
          value={relation.type}
          onChange={(e) =>
            set(
              'change type',
              // A many-to-many has no key on either end to require or to act on delete.
              e.target.value === 'many-to-many'
                ? { type: e.target.value, required: null, onDelete: null }
                : { type: e.target.value },
            )
          }
        >
          {RELATION_TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </Labelled>
      {relation.type !== 'many-to-many' ? (
        <>
          <Labelled label="Required">
            <input
              type="checkbox"
              disabled={!canEdit}
              checked={relation.required ?? false}
              onChange={(e) => set('required', { required: e.target.checked || null })}
            />
          </Labelled>
          <Labelled label="On delete">
            <select
              aria-label="On delete"
              disabled={!canEdit}
              value={relation.onDelete ?? 'restrict'}
              onChange={(e) => set('on delete', { onDelete: e.target.value })}
            >
              {ON_DELETE.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </Labelled>
        </>
      ) : null}
      {canEdit ? (
        <button
          type="button"
          className="danger"
          onClick={() =>
            commit(`delete relation ${relation.code}`, [{ op: 'relation.delete', id }])
          }
        >
          Delete relation
        </button>
      ) : null}
      {problem ? (
        <p className="problem" role="alert">
          {problem}
        </p>
      ) : null}
    </section>
  );
}

export function Inspector() {
  const model = useDesignerState((s) => s.model);
  const selection = useDesignerState((s) => s.selection);
  const entity = useMemo(
    () =>
      model?.entities.find((e) => e.id === selection.entity) as
        (Entity & { id: string }) | undefined,
    [model, selection.entity],
  );
  if (selection.relation) return <RelationPanel id={selection.relation} />;
  if (!entity) return <p className="muted">Select an entity, a field or a relation to edit it.</p>;
  const field = entity.fields.find((f) => f.id === selection.field) as
    (Field & { id: string }) | undefined;
  return field ? (
    <FieldPanel key={field.id} entity={entity} field={field} />
  ) : (
    <EntityPanel key={entity.id} entity={entity} />
  );
}
