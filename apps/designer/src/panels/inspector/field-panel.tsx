/** Every parameter of a field, by its type, in the side panel. */
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
  parseDefaultText,
  showDefaultText,
  typeParameters,
} from '@tessera/meta';

import { useDesignerState } from '../../model/context';
import { Labelled, numberOrNull, TextProp, useEdit } from './props';

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

export function FieldPanel({
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
