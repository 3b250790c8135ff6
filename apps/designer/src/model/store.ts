/**
 * The designer's state: the draft as last saved, the edits not saved yet (shown on top of it,
 * kept until the server takes or refuses them, never dropped silently), undo and redo as edits
 * of their own, the selection, and who else is here.
 *
 * Every change is a list of model operations (`@tessera/meta`'s ops), checked here with the
 * publishing rules before it is queued, sent in order with the revision it was made on, and
 * merged by the server with what others saved meanwhile.
 */
import {
  applyOps,
  invertOps,
  isLayoutOp,
  type ModelDocument,
  type ModelOp,
  validateDocument,
  withJunctionEntities,
} from '@tessera/meta';
import { createStore } from 'zustand/vanilla';

import type { ApiProblem } from '../api/client';

export type EditState = 'queued' | 'sending' | 'saved' | 'offline' | 'conflict' | 'refused';

export interface Conflict {
  index: number;
  key: string;
  theirs: string;
  revision: number;
  actorName: string | null;
  target: { entity?: string; field?: string; relation?: string; note?: string; property?: string };
  current: unknown;
}

export interface PendingEdit {
  id: string;
  label: string;
  ops: ModelOp[];
  /** The draft revision it was made on. */
  baseRevision: number;
  state: EditState;
  problem?: ApiProblem;
  conflicts?: Conflict[];
  /** When the server took it, in sync order: dropped once a later read of the draft has it. */
  savedAt?: number;
}

interface HistoryEntry {
  label: string;
  /** What undoes (or redoes) the edit. */
  ops: ModelOp[];
  /** The edit it undoes or redoes. */
  editId: string;
}

export interface Presence {
  clientId: string;
  name: string;
  selection: string[];
  seenAt: number;
}

export interface Selection {
  entity?: string;
  field?: string;
  relation?: string;
  note?: string;
}

export interface DesignerState {
  project: string;
  clientId: string;
  saved: ModelDocument | null;
  revision: number;
  /** The saved draft with the pending edits on top: what the canvas shows. */
  model: ModelDocument | null;
  pending: PendingEdit[];
  undo: HistoryEntry[];
  redo: HistoryEntry[];
  selection: Selection;
  others: Record<string, Presence>;
  canEdit: boolean;
  canPublish: boolean;
  /** The last refusal of an edit before it was sent (a rule it breaks). */
  localProblem: string | null;
}

let counter = 0;
const nextId = () => `${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** Applies each edit on top of `saved`, skipping saved ones the draft already holds. */
function withPending(saved: ModelDocument | null, pending: PendingEdit[]) {
  if (!saved) return { model: null, pending };
  let model = saved;
  const checked = pending.map((edit) => {
    if (edit.state === 'conflict' || edit.state === 'refused') return edit;
    const result = applyOps(model, edit.ops);
    if (result.ok) {
      model = result.document;
      return edit;
    }
    // Already in the draft (saved), or no longer applicable to it: say so, keep it.
    if (edit.state === 'saved') return edit;
    return {
      ...edit,
      state: 'refused' as const,
      problem: { code: 'CONFLICT', message: result.message, fieldErrors: {}, details: null },
    };
  });
  return { model, pending: checked };
}

/** The first rule the model breaks after `ops`, or null. The same rules as publishing. */
export function ruleProblem(model: ModelDocument, ops: ModelOp[]): string | null {
  const result = applyOps(model, ops);
  if (!result.ok) return result.message;
  if (ops.every(isLayoutOp)) return null;
  const checked = validateDocument(withJunctionEntities(result.document));
  return checked.ok ? null : (checked.issues[0]?.message ?? 'The model would not be valid');
}

export function createDesignerStore(project: string) {
  const store = createStore<DesignerState>(() => ({
    project,
    clientId: `d-${crypto.randomUUID()}`,
    saved: null,
    revision: 0,
    model: null,
    pending: [],
    undo: [],
    redo: [],
    selection: {},
    others: {},
    canEdit: false,
    canPublish: false,
    localProblem: null,
  }));

  const recompute = (saved: ModelDocument | null, pending: PendingEdit[]) =>
    store.setState(withPending(saved, pending));

  /**
   * Queues an edit after checking it with the publishing rules; returns the problem instead
   * when it breaks one. `history` says whether it enters the undo stack as a new edit.
   */
  function queue(label: string, ops: ModelOp[], history: 'new' | 'undo' | 'redo' = 'new') {
    const { model, revision, pending, canEdit } = store.getState();
    if (!model || !canEdit) return 'You can view this model but not change it';
    const problem = ruleProblem(model, ops);
    if (problem) {
      store.setState({ localProblem: problem });
      return problem;
    }
    const edit: PendingEdit = { id: nextId(), label, ops, baseRevision: revision, state: 'queued' };
    const entry: HistoryEntry = { label, ops: invertOps(model, ops), editId: edit.id };
    const { undo, redo } = store.getState();
    store.setState({
      localProblem: null,
      ...(history === 'new' ? { undo: [...undo, entry].slice(-200), redo: [] } : {}),
      ...(history === 'undo' ? { undo: undo.slice(0, -1), redo: [...redo, entry] } : {}),
      ...(history === 'redo' ? { undo: [...undo, entry], redo: redo.slice(0, -1) } : {}),
    });
    recompute(store.getState().saved, [...pending, edit]);
    return null;
  }

  return {
    store,
    get: store.getState,
    queue,
    undo() {
      const last = store.getState().undo.at(-1);
      if (last) return queue(`Undo ${last.label}`, last.ops, 'undo');
      return null;
    },
    redo() {
      const last = store.getState().redo.at(-1);
      if (last) return queue(last.label.replace(/^Undo /, ''), last.ops, 'redo');
      return null;
    },
    /** A newer read of the draft: saved edits it holds are dropped from the pending list. */
    loaded(saved: ModelDocument, revision: number, readStartedAt: number) {
      const pending = store
        .getState()
        .pending.filter((e) => !(e.state === 'saved' && (e.savedAt ?? 0) < readStartedAt));
      store.setState({ saved, revision });
      recompute(saved, pending);
    },
    setPermissions(permissions: readonly string[]) {
      store.setState({
        canEdit: permissions.includes('entity:update'),
        canPublish: permissions.includes('entity:publish'),
      });
    },
    update(id: string, change: Partial<PendingEdit>) {
      const { saved, pending } = store.getState();
      recompute(
        saved,
        pending.map((e) => (e.id === id ? { ...e, ...change } : e)),
      );
    },
    /** Keep mine: the same edit again, on the current revision. */
    keepMine(id: string) {
      const { saved, pending, revision } = store.getState();
      recompute(
        saved,
        pending.map((e) =>
          e.id === id
            ? {
                ...e,
                state: 'queued' as const,
                baseRevision: revision,
                conflicts: undefined,
                problem: undefined,
              }
            : e,
        ),
      );
    },
    /** Take theirs (or discard a refused edit): it goes, and leaves the undo stack. */
    discard(id: string) {
      const { saved, pending, undo } = store.getState();
      const edit = pending.find((e) => e.id === id);
      recompute(
        saved,
        pending.filter((e) => e.id !== id),
      );
      if (edit) store.setState({ undo: undo.filter((u) => u.editId !== id) });
    },
    select(selection: Selection) {
      store.setState({ selection });
    },
    presence(p: Presence | { clientId: string; leaving: true }) {
      const others = { ...store.getState().others };
      if ('leaving' in p) delete others[p.clientId];
      else others[p.clientId] = p;
      store.setState({ others });
    },
    /** Forgets others not heard from for `ms`. */
    expirePresence(now: number, ms = 45_000) {
      const others = Object.fromEntries(
        Object.entries(store.getState().others).filter(([, p]) => now - p.seenAt < ms),
      );
      store.setState({ others });
    },
  };
}

export type DesignerStore = ReturnType<typeof createDesignerStore>;
