/**
 * The designer for one project: the canvas, the toolbar (undo/redo, new entity or note,
 * layout, fit, find, export), the side panels (the selection, plan and publish, compare with a
 * version) and the edits not saved yet. A viewer without the model permissions gets the same
 * canvas, read-only.
 */
import { type Node, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';

import { api, problemOf, signIn } from './api/client';
import { exportModel } from './export/export-model';
import { useEditorActions } from './editor-actions';
import { Canvas } from './graph/canvas';
import { conflictMarks } from './graph/conflict-marks';
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
import { Toolbar } from './panels/toolbar';
import { PagePreview } from './panels/page-preview';
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

function Workspace({ status }: { status: string }) {
  const designer = useDesigner();
  const flow = useReactFlow();
  const model = useDesignerState((s) => s.model);
  const project = useDesignerState((s) => s.project);
  const canEdit = useDesignerState((s) => s.canEdit);
  const others = useDesignerState((s) => s.others);
  const pending = useDesignerState((s) => s.pending);
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

  const conflicts = useMemo(() => conflictMarks(pending), [pending]);

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

  const showPlan = useCallback(() => setTab('plan'), []);
  const { newEntity, newNote, deleteSelection, moveField, jump } = useEditorActions({
    onNotice: setNotice,
    onDeleted: showPlan,
  });

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

  return (
    <div className="designer">
      <Toolbar
        status={status}
        run={run}
        fold={fold}
        setFold={setFold}
        search={search}
        setSearch={setSearch}
        searchRef={searchRef}
        onJump={jump}
        onExport={(format) => {
          setNotice(null);
          exportModel(format, { project, model, nodes: flow.getNodes() }).catch((error: unknown) =>
            setNotice(problemOf(error).message),
          );
        }}
      />
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
