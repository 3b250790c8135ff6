/**
 * Connects a designer store to the console: reads the draft, sends queued edits one at a time
 * (each with the revision it was made on), listens to the draft's events (others' changes,
 * read again within a second; presence) and tells the others what this modeler has selected.
 * An edit the console cannot take now (offline, 5xx) is retried; one it refuses is kept and
 * shown until the modeler decides.
 */
import { api, problemOf, signIn } from '../api/client';
import type { Conflict, DesignerStore } from './store';

const RETRY_MS = 2000;
const HEARTBEAT_MS = 15_000;

export interface SessionEvents {
  onStatus?: (status: 'connecting' | 'live' | 'offline') => void;
}

export function startSession(designer: DesignerStore, events: SessionEvents = {}) {
  const { store } = designer;
  const { project, clientId } = store.getState();
  let stopped = false;
  let sending = false;
  let reading: Promise<void> | null = null;
  let readAgain = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let sequence = 0;

  async function read() {
    if (reading) {
      readAgain = true;
      return reading;
    }
    reading = (async () => {
      do {
        readAgain = false;
        const startedAt = ++sequence;
        try {
          const current = await api.project.get.query({ code: project });
          designer.loaded(current.draft, current.draftRevision, startedAt);
        } catch (error) {
          const problem = problemOf(error);
          if (problem.code === 'UNAUTHENTICATED' || problem.code === 'UNAUTHORIZED') signIn();
          throw error;
        }
      } while (readAgain && !stopped);
    })().finally(() => {
      reading = null;
    });
    return reading;
  }

  async function flush() {
    if (sending || stopped) return;
    const edit = store
      .getState()
      .pending.find((e) => e.state === 'queued' || e.state === 'offline');
    if (!edit) return;
    sending = true;
    designer.update(edit.id, { state: 'sending' });
    try {
      await api.model.edit.mutate({
        project,
        baseRevision: edit.baseRevision,
        clientId,
        ops: edit.ops,
      });
      designer.update(edit.id, { state: 'saved', savedAt: sequence });
      events.onStatus?.('live');
      void read();
    } catch (error) {
      const problem = problemOf(error);
      if (problem.code === 'UNAUTHENTICATED') signIn();
      const conflicts = (problem.details?.conflicts as Conflict[] | undefined) ?? undefined;
      if (
        problem.code === 'NETWORK' ||
        problem.code === 'SERVICE_UNAVAILABLE' ||
        problem.code === 'INTERNAL'
      ) {
        designer.update(edit.id, { state: 'offline', problem });
        events.onStatus?.('offline');
        clearTimeout(retry);
        retry = setTimeout(() => void flush(), RETRY_MS);
      } else if (conflicts?.length) {
        designer.update(edit.id, { state: 'conflict', problem, conflicts });
        void read();
      } else {
        designer.update(edit.id, { state: 'refused', problem });
      }
    } finally {
      sending = false;
    }
    if (store.getState().pending.some((e) => e.state === 'queued')) void flush();
  }

  const unsubscribeStore = store.subscribe((state, previous) => {
    if (state.pending !== previous.pending && state.pending.some((e) => e.state === 'queued'))
      void flush();
    if (state.selection !== previous.selection) announce();
  });

  function announce() {
    const { selection } = store.getState();
    const ids = [selection.entity, selection.field, selection.relation, selection.note].filter(
      (x): x is string => Boolean(x),
    );
    api.model.presence.mutate({ project, clientId, selection: ids }).catch(() => undefined);
  }

  events.onStatus?.('connecting');
  const subscription = api.model.events.subscribe(
    { project, clientId },
    {
      onData(envelope) {
        const event = (envelope as { data?: unknown }).data ?? envelope;
        const e = event as { type: string; [key: string]: unknown };
        if (e.type === 'ready') {
          events.onStatus?.('live');
          void read().catch(() => undefined);
          void flush();
        } else if (e.type === 'change') {
          void read().catch(() => undefined);
        } else if (e.type === 'presence') {
          const p = e as unknown as {
            clientId: string;
            user: { name: string };
            selection: string[];
            leaving?: boolean;
          };
          designer.presence(
            p.leaving
              ? { clientId: p.clientId, leaving: true }
              : {
                  clientId: p.clientId,
                  name: p.user.name,
                  selection: p.selection,
                  seenAt: Date.now(),
                },
          );
        }
      },
      onError() {
        events.onStatus?.('offline');
      },
      onConnectionStateChange(state) {
        if (state.state === 'connecting' && state.error) events.onStatus?.('offline');
        if (state.state === 'pending') events.onStatus?.('live');
      },
    },
  );

  const heartbeat = setInterval(() => {
    announce();
    designer.expirePresence(Date.now());
  }, HEARTBEAT_MS);
  announce();

  return {
    read,
    flush,
    stop() {
      stopped = true;
      clearTimeout(retry);
      clearInterval(heartbeat);
      unsubscribeStore();
      subscription.unsubscribe();
      api.model.presence
        .mutate({ project, clientId, selection: [], leaving: true })
        .catch(() => undefined);
    },
  };
}
