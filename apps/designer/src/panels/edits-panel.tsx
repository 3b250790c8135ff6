/**
 * Edits not saved yet, and why: sending, offline (retried), refused (with the reason), or in
 * conflict with another modeler's change (keep mine, or take theirs). None is dropped unless
 * the modeler says so.
 */
import { useDesigner, useDesignerState } from '../model/context';

const shown = (value: unknown) =>
  value === undefined || value === null
    ? 'nothing (removed)'
    : typeof value === 'object'
      ? 'a changed definition'
      : JSON.stringify(value);

export function EditsPanel() {
  const designer = useDesigner();
  const pending = useDesignerState((s) => s.pending);
  const open = pending.filter((e) => e.state !== 'saved');
  if (!open.length) return null;
  return (
    <section className="edits" aria-label="Unsaved edits">
      <h3>Unsaved edits</h3>
      <ul>
        {open.map((edit) => (
          <li key={edit.id} className={`edit ${edit.state}`} data-state={edit.state}>
            <strong>{edit.label}</strong>
            <span className="state">
              {edit.state === 'offline'
                ? 'not saved: the console is unreachable, retrying'
                : edit.state}
            </span>
            {edit.state === 'conflict' ? (
              <>
                {edit.conflicts?.map((c) => (
                  <p key={c.key}>
                    {c.actorName ?? 'Someone'} changed {c.target.property ?? 'this'} to{' '}
                    {shown(c.current)}.
                  </p>
                ))}
                <button type="button" onClick={() => designer.keepMine(edit.id)}>
                  Keep mine
                </button>
                <button type="button" onClick={() => designer.discard(edit.id)}>
                  Take theirs
                </button>
              </>
            ) : null}
            {edit.state === 'refused' ? (
              <>
                <p className="problem">{edit.problem?.message}</p>
                <button type="button" onClick={() => designer.discard(edit.id)}>
                  Discard
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
