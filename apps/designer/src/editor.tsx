/**
 * The designer for one project: the canvas, the toolbar (undo/redo, new entity or note,
 * layout, fit, find, export), the side panels (the selection, plan and publish, compare with a
 * version) and the edits not saved yet. A viewer without the model permissions gets the same
 * canvas, read-only.
 */
import { serializeDocument } from '@tessera/meta';
import { type Node, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';

import { api, problemOf, signIn } from './api/client';
import { download, downloadDataUrl } from './export/download';
import { diagramImage } from './export/image';
import { Canvas } from './graph/canvas';
import type { EntityDecoration } from './graph/entity-node';
import { toGraph } from './graph/to-graph';
import { commandFor, type Command } from './keyboard/shortcuts';
import { autoLayout } from './layout/layout';
import { DesignerContext, useDesigner, useDesignerState } from './model/context';
import { startSession } from './model/session';
import { createDesignerStore, type DesignerStore } from './model/store';
import { EditsPanel } from './panels/edits-panel';
import { HelpPanel } from './panels/help-panel';
import { Inspector } from './panels/inspector';
import { PagePreview } from './panels/page-preview';
import { PresenceBar } from './panels/presence-bar';
import { NO_RISKS, type PlanRisks, PublishPanel } from './panels/publish-panel';
import { RelationDialog, type RelationDraft } from './panels/relation-dialog';
import { type Highlights, NO_HIGHLIGHTS, VersionsPanel } from './panels/versions-panel';

type Tab = 'inspect' | 'page' | 'plan' | 'compare';

const TAB_NAMES: Record<Tab, string> = {
  inspect: 'Selection',
  page: 'Page',
  plan: 'Plan & publish',
  compare: 'Compare',
};

function uniqueCode(base: string, taken: (code: string) => boolean) {
  for (let i = 1; ; i++) if (!taken(`${base}_${i}`)) return `${base}_${i}`;
}

function Workspace({ status }: { status: string }) {
  const designer = useDesigner();
  const flow = useReactFlow();
  const model = useDesignerState((s) => s.model);
  const project = useDesignerState((s) => s.project);
  const canEdit = useDesignerState((s) => s.canEdit);
  const others = useDesignerState((s) => s.others);
  const pending = useDesignerState((s) => s.pending);
  const undoable = useDesignerState((s) => s.undo.length > 0);
  const redoable = useDesignerState((s) => s.redo.length > 0);
  const localProblem = useDesignerState((s) => s.localProblem);
  const [tab, setTab] = useState<Tab>('inspect');
  const [fold, setFold] = useState(false);
  const [help, setHelp] = useState(false);
  const [relating, setRelating] = useState<RelationDraft | null>(null);
  const [risks, setRisks] = useState<PlanRisks>(NO_RISKS);
  const [highlights, setHighlights] = useState<Highlights>(NO_HIGHLIGHTS);
  const [search, setSearch] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const nodesRef = useRef<Node[]>([]);
  const laidOut = useRef(false);

  const conflicts = useMemo(() => {
    const byEntity: Record<string, string> = {};
    const byRow: Record<string, Record<string, string>> = {};
    for (const edit of pending)
      for (const c of edit.conflicts ?? []) {
        const entity = c.target.entity;
        if (!entity) continue;
        const text = `${c.actorName ?? 'Someone'} changed ${c.target.property ?? 'this'} meanwhile`;
        if (c.target.field) byRow[entity] = { ...byRow[entity], [c.target.field]: text };
        else byEntity[entity] = text;
      }
    return { byEntity, byRow };
  }, [pending]);

  const decorate = useCallback(
    (entityId: string, code: string): EntityDecoration => {
      const here = Object.values(others).filter((p) => p.selection.includes(entityId));
      const term = search.trim().toLowerCase();
      return {
        risk: risks.entities[entityId],
        rowRisks: risks.fields,
        diff: highlights.entities[code],
        rowDiff: highlights.fields[code],
        presence: here.map((p) => p.name),
        conflict:
          conflicts.byEntity[entityId] ??
          (conflicts.byRow[entityId] ? 'A field is in conflict' : undefined),
        rowConflicts: conflicts.byRow[entityId],
        matched: term.length > 0 && code.toLowerCase().includes(term),
      };
    },
    [others, risks, highlights, conflicts, search],
  );

  const layout = useCallback(
    async (save: boolean) => {
      if (!model) return;
      const graph = toGraph(model, { foldJunctions: fold });
      const sizes = new Map(nodesRef.current.map((n) => [n.id, n.measured]));
      const positions = await autoLayout({
        nodes: graph.nodes.map((n) => ({
          id: n.id,
          width: sizes.get(n.id)?.width ?? 240,
          height: sizes.get(n.id)?.height ?? 40 + 26 * n.data.rows.length,
        })),
        edges: graph.edges,
      });
      if (save && canEdit) designer.queue('auto-layout', [{ op: 'layout.move', positions }]);
      else
        flow.setNodes((nodes) =>
          nodes.map((n) => (positions[n.id] ? { ...n, position: positions[n.id]! } : n)),
        );
      setTimeout(() => void flow.fitView({ duration: 300 }), 50);
    },
    [model, fold, canEdit, designer, flow],
  );

  // A model nobody has laid out yet is laid out once, when it opens.
  useEffect(() => {
    if (!model || laidOut.current) return;
    laidOut.current = true;
    const graph = toGraph(model);
    if (graph.nodes.length > 0 && graph.unplaced.length === graph.nodes.length)
      void layout(canEdit);
  }, [model, layout, canEdit]);

  const newEntity = useCallback(() => {
    if (!model) return;
    const code = uniqueCode('entity', (c) => model.entities.some((e) => e.code === c));
    const center = flow.screenToFlowPosition({
      x: window.innerWidth / 2 - 200,
      y: window.innerHeight / 2,
    });
    const id = crypto.randomUUID();
    const problem = designer.queue(`add entity ${code}`, [
      {
        op: 'entity.create',
        entity: { id, code, fields: [] },
        position: { x: Math.round(center.x), y: Math.round(center.y) },
      },
    ]);
    if (!problem) designer.select({ entity: id });
  }, [model, flow, designer]);

  const newNote = useCallback(() => {
    const center = flow.screenToFlowPosition({
      x: window.innerWidth / 2 - 200,
      y: window.innerHeight / 2 - 120,
    });
    designer.queue('add note', [
      {
        op: 'note.create',
        note: {
          id: crypto.randomUUID(),
          text: 'Note',
          position: { x: Math.round(center.x), y: Math.round(center.y) },
        },
      },
    ]);
  }, [flow, designer]);

  const deleteSelection = useCallback(() => {
    if (!model) return;
    const { entity, field, relation, note } = designer.get().selection;
    if (relation) {
      const r = model.relations.find((x) => x.id === relation);
      if (r) designer.queue(`delete relation ${r.code}`, [{ op: 'relation.delete', id: relation }]);
    } else if (entity && field) {
      const e = model.entities.find((x) => x.id === entity);
      const f = e?.fields.find((x) => x.id === field);
      if (f)
        designer.queue(`delete field ${e!.code}.${f.code}`, [
          { op: 'field.delete', entity, id: field },
        ]);
    } else if (entity) {
      const e = model.entities.find((x) => x.id === entity);
      if (!e) return;
      const relations = model.relations.filter(
        (r) => r.from === e.code || r.to === e.code || r.through === e.code,
      );
      const cost = `Delete entity ${e.code}? It takes ${e.fields.length} field(s) and ${relations.length} relation(s) with it; the plan shows the rows a publish would move to the trash.`;
      if (window.confirm(cost)) {
        designer.queue(`delete entity ${e.code}`, [{ op: 'entity.delete', id: entity }]);
        designer.select({});
        setTab('plan');
      }
    } else if (note) {
      designer.queue('delete note', [{ op: 'note.delete', id: note }]);
    }
  }, [model, designer]);

  const moveField = useCallback(
    (delta: number) => {
      const { entity, field } = designer.get().selection;
      const e = model?.entities.find((x) => x.id === entity);
      const index = e?.fields.findIndex((f) => f.id === field) ?? -1;
      if (!e || index < 0 || index + delta < 0 || index + delta >= e.fields.length) return;
      designer.queue(`move ${e.fields[index]!.code}`, [
        { op: 'field.move', entity: e.id!, id: field!, index: index + delta },
      ]);
    },
    [model, designer],
  );

  const jump = useCallback(
    (term: string) => {
      const t = term.trim().toLowerCase();
      const found =
        model?.entities.find((e) => e.code.toLowerCase() === t) ??
        model?.entities.find(
          (e) => e.code.toLowerCase().includes(t) || e.name?.toLowerCase().includes(t),
        );
      if (!found?.id) return setNotice(`No entity matches '${term}'`);
      designer.select({ entity: found.id });
      const node = flow.getInternalNode(found.id);
      const at = node?.internals.positionAbsolute ?? found.position ?? { x: 0, y: 0 };
      const width = node?.measured.width ?? 240;
      const height = node?.measured.height ?? 200;
      void flow.setCenter(at.x + width / 2, at.y + height / 2, { zoom: 1, duration: 300 });
    },
    [model, designer, flow],
  );

  const run = useCallback(
    (command: Command) => {
      const say = (problem: string | null) => problem && setNotice(problem);
      const actions: Record<Command, () => void> = {
        undo: () => say(designer.undo()),
        redo: () => say(designer.redo()),
        delete: deleteSelection,
        'new-entity': newEntity,
        'new-note': newNote,
        layout: () => void layout(true),
        fit: () => void flow.fitView({ duration: 300 }),
        search: () => searchRef.current?.focus(),
        help: () => setHelp((h) => !h),
        deselect: () => designer.select({}),
        'field-up': () => moveField(-1),
        'field-down': () => moveField(1),
      };
      const editing: Command[] = [
        'undo',
        'redo',
        'delete',
        'new-entity',
        'new-note',
        'field-up',
        'field-down',
      ];
      if (!canEdit && editing.includes(command)) return;
      actions[command]();
    },
    [designer, deleteSelection, newEntity, newNote, layout, flow, moveField, canEdit],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const command = commandFor(e);
      if (!command) return;
      e.preventDefault();
      run(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run]);

  // Leaving with edits not saved yet (offline, refused, in conflict) asks first.
  useEffect(() => {
    const onLeave = (e: BeforeUnloadEvent) => {
      if (designer.get().pending.some((p) => p.state !== 'saved')) e.preventDefault();
    };
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, [designer]);

  // Selecting something shows it in the side panel.
  useEffect(
    () =>
      designer.store.subscribe((state, previous) => {
        const s = state.selection;
        if (s !== previous.selection && (s.entity || s.relation))
          setTab((t) => (t === 'page' && s.entity ? t : 'inspect'));
      }),
    [designer],
  );

  async function exportAs(format: 'png' | 'svg' | 'yaml' | 'sql') {
    setNotice(null);
    try {
      if (format === 'yaml' && model)
        download(`${project}.yaml`, serializeDocument(model, 'yaml'), 'application/yaml');
      else if (format === 'sql') {
        const plan = await api.schema.plan.query({ project });
        const sql = plan.steps
          .map((s) => `-- ${s.summary} (${s.risk})\n${s.sql.join(';\n')};`)
          .join('\n\n');
        download(
          `${project}-plan.sql`,
          sql ? `${sql}\n` : '-- Nothing to publish\n',
          'application/sql',
        );
      } else if (format === 'png' || format === 'svg') {
        const nodes = flow.getNodes().filter((n) => n.type !== 'area');
        downloadDataUrl(`${project}.${format}`, await diagramImage(nodes, format));
      }
    } catch (error) {
      setNotice(problemOf(error).message);
    }
  }

  const unsaved = pending.filter((e) => e.state !== 'saved').length;
  return (
    <div className="designer">
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
            <button type="button" onClick={newEntity} title="New entity (N)">
              + Entity
            </button>
            <button type="button" onClick={newNote} title="New note (Shift+N)">
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
            if (e.key === 'Enter') jump(search);
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
          onChange={(e) => void exportAs(e.target.value as 'png' | 'svg' | 'yaml' | 'sql')}
        >
          <option value="">Export…</option>
          <option value="png">Diagram as PNG</option>
          <option value="svg">Diagram as SVG</option>
          <option value="yaml">Model as YAML</option>
          <option value="sql">Plan as SQL</option>
        </select>
        <PresenceBar />
        <button type="button" onClick={() => setHelp(true)} title="Help (?)" aria-label="Help">
          ?
        </button>
      </header>
      {notice || localProblem ? (
        <div className="notice" role="alert" onClick={() => setNotice(null)}>
          {notice ?? localProblem}
        </div>
      ) : null}
      <main>
        <div className="canvas">
          <Canvas
            foldJunctions={fold}
            decorate={decorate}
            onRelate={(from, to, fromField) => setRelating({ from, to, fromField })}
            onNodesReady={(nodes) => (nodesRef.current = nodes)}
          />
        </div>
        <aside className={`sidebar ${tab === 'page' ? 'wide' : ''}`}>
          <nav className="tabs" role="tablist">
            {(['inspect', 'page', 'plan', 'compare'] as const).map((t) => (
              <button
                key={t}
                type="button"
                role="tab"
                aria-selected={tab === t}
                onClick={() => setTab(t)}
              >
                {TAB_NAMES[t]}
              </button>
            ))}
          </nav>
          <div className="panel">
            {tab === 'inspect' ? <Inspector /> : null}
            {tab === 'page' ? <PagePreview /> : null}
            {tab === 'plan' ? <PublishPanel onRisks={setRisks} /> : null}
            {tab === 'compare' ? <VersionsPanel onHighlights={setHighlights} /> : null}
          </div>
          <EditsPanel />
        </aside>
      </main>
      {relating ? <RelationDialog draft={relating} close={() => setRelating(null)} /> : null}
      {help ? <HelpPanel close={() => setHelp(false)} /> : null}
    </div>
  );
}

export function Editor({ project }: { project: string }) {
  const designer = useMemo<DesignerStore>(() => createDesignerStore(project), [project]);
  const [status, setStatus] = useState('connecting');
  const [failure, setFailure] = useState<string | null>(null);
  const loaded = useStore(designer.store, (s) => s.model !== null);

  useEffect(() => {
    let session: ReturnType<typeof startSession> | null = null;
    let live = true;
    api.auth.me
      .query()
      .then((me) => {
        if (!live) return;
        if (!me) signIn();
        if (!me.permissions.includes('entity:read'))
          return setFailure('You may not see models: ask for the entity:read permission.');
        designer.setPermissions(me.permissions);
        session = startSession(designer, { onStatus: setStatus });
        session.read().catch((error: unknown) => setFailure(problemOf(error).message));
      })
      .catch((error: unknown) => setFailure(problemOf(error).message));
    return () => {
      live = false;
      session?.stop();
    };
  }, [designer]);

  if (failure) return <p className="failure">{failure}</p>;
  if (!loaded) return <p className="loading">Opening {project}…</p>;
  return (
    <DesignerContext.Provider value={designer}>
      <ReactFlowProvider>
        <Workspace status={status} />
      </ReactFlowProvider>
    </DesignerContext.Provider>
  );
}
