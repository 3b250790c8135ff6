/** A relation's code, keys, type and behaviour in the side panel. */
import { type ModelOp, ON_DELETE, RELATION_TYPES } from '@tessera/meta';

import { useDesignerState } from '../../model/context';
import { Labelled, TextProp, useEdit } from './props';

export function RelationPanel({ id }: { id: string }) {
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
