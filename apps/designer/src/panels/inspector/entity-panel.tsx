/** An entity's properties, system fields and field order in the side panel. */
import { type Entity, OPTIONAL_SYSTEM_FIELDS } from '@tessera/meta';

import { useDesigner, useDesignerState } from '../../model/context';
import { Labelled, TextProp, useEdit } from './props';

export function EntityPanel({ entity }: { entity: Entity & { id: string } }) {
  const designer = useDesigner();
  const canEdit = useDesignerState((s) => s.canEdit);
  const { problem, check, commit } = useEdit();
  const update = (changes: Record<string, unknown>) => [
    { op: 'entity.update' as const, id: entity.id, changes },
  ];
  const system = entity.systemFields ?? [...OPTIONAL_SYSTEM_FIELDS];
  // An entity can move to the ejected service once the project names one (console: project page).
  const hasService = useDesignerState((s) => s.model?.service !== undefined);
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
      <Labelled label="Ejected">
        <input
          type="checkbox"
          disabled={!canEdit || (!hasService && entity.mode !== 'ejected')}
          title={hasService ? undefined : "Set the project's ejected service URL first"}
          checked={entity.mode === 'ejected'}
          onChange={(e) =>
            commit(
              `${e.target.checked ? 'eject' : 'interpret'} ${entity.code}`,
              update({ mode: e.target.checked ? 'ejected' : null }),
            )
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
