/**
 * The designer's toolbar: where the model stands (saved, unsaved, offline, read-only), the
 * editing commands (the same the keyboard runs), layout, find, export and who else is here.
 */
import type { RefObject } from 'react';

import type { ExportFormat } from '../export/export-model';
import type { Command } from '../keyboard/shortcuts';
import { useDesignerState } from '../model/context';
import { PresenceBar } from './presence-bar';

export interface ToolbarProps {
  status: string;
  run: (command: Command) => void;
  fold: boolean;
  setFold: (fold: boolean) => void;
  search: string;
  setSearch: (search: string) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  onJump: (term: string) => void;
  onExport: (format: ExportFormat) => void;
}

export function Toolbar({
  status,
  run,
  fold,
  setFold,
  search,
  setSearch,
  searchRef,
  onJump,
  onExport,
}: ToolbarProps) {
  const model = useDesignerState((s) => s.model);
  const project = useDesignerState((s) => s.project);
  const canEdit = useDesignerState((s) => s.canEdit);
  const unsaved = useDesignerState((s) => s.pending.filter((e) => e.state !== 'saved').length);
  const undoable = useDesignerState((s) => s.undo.length > 0);
  const redoable = useDesignerState((s) => s.redo.length > 0);
  return (
    <header className="toolbar">
      <a href="/" className="brand" title="Back to the console">
        Tessera
      </a>
      <strong data-testid="project">{project}</strong>
      <span className={`status ${status}`} data-testid="status">
        {status === 'offline' ? 'offline' : unsaved ? `${unsaved} unsaved` : 'saved'}
      </span>
      {!canEdit ? <span className="badge">read-only</span> : null}
      {canEdit ? (
        <>
          <button
            type="button"
            onClick={() => run('undo')}
            disabled={!undoable}
            title="Undo (Ctrl+Z)"
          >
            Undo
          </button>
          <button
            type="button"
            onClick={() => run('redo')}
            disabled={!redoable}
            title="Redo (Ctrl+Shift+Z)"
          >
            Redo
          </button>
          <button type="button" onClick={() => run('new-entity')} title="New entity (N)">
            + Entity
          </button>
          <button type="button" onClick={() => run('new-note')} title="New note (Shift+N)">
            + Note
          </button>
        </>
      ) : null}
      <button type="button" onClick={() => run('layout')} title="Auto-layout (L)">
        Layout
      </button>
      <label className="toggle">
        <input type="checkbox" checked={fold} onChange={(e) => setFold(e.target.checked)} /> Fold
        junctions
      </label>
      <input
        ref={searchRef}
        className="search"
        aria-label="Find an entity"
        placeholder="Find entity (Ctrl+K)"
        list="entity-codes"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter') onJump(search);
          if (e.key === 'Escape') setSearch('');
        }}
      />
      <datalist id="entity-codes">
        {model?.entities.map((e) => (
          <option key={e.id} value={e.code} />
        ))}
      </datalist>
      <select
        aria-label="Export"
        value=""
        onChange={(e) => onExport(e.target.value as ExportFormat)}
      >
        <option value="">Export…</option>
        <option value="png">Diagram as PNG</option>
        <option value="svg">Diagram as SVG</option>
        <option value="yaml">Model as YAML</option>
        <option value="sql">Plan as SQL</option>
      </select>
      <PresenceBar />
      <button type="button" onClick={() => run('help')} title="Help (?)" aria-label="Help">
        ?
      </button>
    </header>
  );
}
