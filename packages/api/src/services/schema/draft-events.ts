/**
 * What open designers hear of each other, across every console process: each saved edit
 * (`NOTIFY tessera_draft` with the change id; the change itself is read from the log, so none is
 * lost to a notification's size limit or a dropped connection) and presence (who is here and
 * what they have selected, `NOTIFY tessera_presence`). One LISTEN connection per process.
 */
import { EventEmitter } from 'node:events';

import { tracked } from '@trpc/server';
import { AppError } from '@tessera/errors';
import type { ModelOp } from '@tessera/meta';
import { Listener } from '@tessera/runtime-core';
import { z } from 'zod';

import type { AuthedContext } from '../types';

export const DRAFT_CHANNEL = 'tessera_draft';
export const PRESENCE_CHANNEL = 'tessera_presence';

const ZDraftNotice = z.object({ project: z.string(), id: z.string() });
const ZPresence = z.object({
  project: z.string(),
  clientId: z.string(),
  user: z.object({ id: z.string(), name: z.string() }),
  selection: z.array(z.string()),
  leaving: z.boolean().optional(),
});
export type Presence = z.infer<typeof ZPresence>;

class DraftHub extends EventEmitter {
  readonly ready: Promise<void>;
  readonly #listener: Listener;

  constructor(databaseUrl: string, onError: (error: unknown) => void) {
    super();
    this.setMaxListeners(0);
    this.#listener = new Listener(databaseUrl, onError);
    this.#listener.on('notification', (channel, payload) => {
      let data: unknown;
      try {
        data = JSON.parse(payload);
      } catch {
        return;
      }
      if (channel === DRAFT_CHANNEL) {
        const notice = ZDraftNotice.safeParse(data);
        if (notice.success) this.emit(`draft:${notice.data.project}`);
      } else {
        const presence = ZPresence.safeParse(data);
        if (presence.success) this.emit(`presence:${presence.data.project}`, presence.data);
      }
    });
    // Notifications sent while the connection was down are lost: everyone reads the log again.
    this.#listener.on('reconnected', () => this.emit('reconnected'));
    this.ready = this.#listener.start([DRAFT_CHANNEL, PRESENCE_CHANNEL]);
  }

  stop() {
    return this.#listener.stop();
  }
}

const hubs = new Map<string, DraftHub>();

function hubFor(ctx: AuthedContext): DraftHub {
  const url = ctx.services.databaseUrl;
  if (!url) throw new AppError('SERVICE_UNAVAILABLE', 'Live model events need a database URL');
  let hub = hubs.get(url);
  if (!hub) {
    hub = new DraftHub(url, (error) => ctx.services.logger.warn({ err: error }, 'Draft events'));
    hubs.set(url, hub);
  }
  return hub;
}

/** Stops every LISTEN connection (tests, shutdown). */
export async function stopDraftEvents() {
  const all = [...hubs.values()];
  hubs.clear();
  await Promise.all(all.map((hub) => hub.stop()));
}

export async function announcePresence(
  ctx: AuthedContext,
  input: { project: string; clientId: string; selection: string[]; leaving?: boolean },
) {
  const user = ctx.principal.user;
  const presence: Presence = {
    ...input,
    user: { id: user.id, name: user.name || user.email },
  };
  await ctx.db.$executeRaw`SELECT pg_notify(${PRESENCE_CHANNEL}, ${JSON.stringify(presence)})`;
}

export type DraftEvent =
  | { type: 'ready'; revision: number }
  | {
      type: 'change';
      id: string;
      revision: number;
      operation: string;
      ops: ModelOp[] | null;
      clientId: string | null;
      actor: { id: string; name: string } | null;
      at: string;
    }
  | ({ type: 'presence' } & Presence);

const PAGE = 200;

/**
 * The events of one project's draft: `ready` with the current revision, then every change
 * saved after `lastEventId` (or from now) and the presence of others. Each change is tracked by
 * its id, so a reconnecting client resumes where it stopped.
 */
export async function* draftEvents(
  ctx: AuthedContext,
  input: { project: string; clientId?: string; lastEventId?: string | null },
  signal?: AbortSignal,
) {
  const project = await ctx.db.metaProject.findUnique({
    where: { code: input.project },
    select: { id: true, draftRevision: true },
  });
  if (!project) throw new AppError('NOT_FOUND', `No project '${input.project}'`);
  const hub = hubFor(ctx);
  await hub.ready;

  let wake: (() => void) | null = null;
  let dirty = true;
  const presence: Presence[] = [];
  const onDraft = () => {
    dirty = true;
    wake?.();
  };
  const onPresence = (p: Presence) => {
    if (p.clientId === input.clientId) return;
    presence.push(p);
    wake?.();
  };
  const onAbort = () => wake?.();
  hub.on(`draft:${input.project}`, onDraft);
  hub.on('reconnected', onDraft);
  hub.on(`presence:${input.project}`, onPresence);
  signal?.addEventListener('abort', onAbort);

  const names = new Map<string, { id: string; name: string }>();
  const actor = async (id: string | null) => {
    if (!id) return null;
    if (!names.has(id)) {
      const user = await ctx.db.user.findUnique({
        where: { id },
        select: { id: true, name: true, email: true },
      });
      names.set(id, { id, name: user ? user.name || user.email : 'a former user' });
    }
    return names.get(id)!;
  };

  try {
    let after: bigint = /^\d+$/.test(input.lastEventId ?? '')
      ? BigInt(input.lastEventId!)
      : ((
          await ctx.db.metaChange.findFirst({
            where: { projectId: project.id },
            orderBy: { id: 'desc' },
            select: { id: true },
          })
        )?.id ?? 0n);
    yield { type: 'ready', revision: project.draftRevision } satisfies DraftEvent;
    while (!signal?.aborted) {
      if (dirty) {
        dirty = false;
        for (;;) {
          const changes = await ctx.db.metaChange.findMany({
            where: { projectId: project.id, id: { gt: after } },
            orderBy: { id: 'asc' },
            take: PAGE,
            select: {
              id: true,
              revision: true,
              operation: true,
              ops: true,
              clientId: true,
              actorId: true,
              at: true,
            },
          });
          for (const c of changes) {
            after = c.id;
            const event: DraftEvent = {
              type: 'change',
              id: c.id.toString(),
              revision: c.revision,
              operation: c.operation,
              ops: (c.ops as ModelOp[] | null) ?? null,
              clientId: c.clientId,
              actor: await actor(c.actorId),
              at: c.at.toISOString(),
            };
            yield tracked(event.id, event);
          }
          if (changes.length < PAGE) break;
        }
      }
      while (presence.length) yield { type: 'presence', ...presence.shift()! } satisfies DraftEvent;
      if (!dirty && !presence.length && !signal?.aborted)
        await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  } finally {
    hub.off(`draft:${input.project}`, onDraft);
    hub.off('reconnected', onDraft);
    hub.off(`presence:${input.project}`, onPresence);
    signal?.removeEventListener('abort', onAbort);
    if (input.clientId)
      await announcePresence(ctx, {
        project: input.project,
        clientId: input.clientId,
        selection: [],
        leaving: true,
      }).catch(() => undefined);
  }
}
