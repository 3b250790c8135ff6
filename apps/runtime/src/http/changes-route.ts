/**
 * GET /api/v1/{project}/changes: a server-sent event stream of the rows created, updated and
 * deleted in the project, each shown as the subscriber may read it (its entities, row filters
 * and fields, as they are when the change is delivered). `entities=a,b` narrows the stream.
 * Event ids name the change and the time; a subscriber that reconnects with its last one
 * (`Last-Event-ID`, as EventSource does, or `lastEventId=`) is first sent what it missed, or a
 * `reset` event when that cannot be known (it should then read afresh).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { AppError } from '@tessera/errors';
import {
  type ChangeNotice,
  entityAccess,
  formatEventId,
  newestChange,
  parseEventId,
  replayChanges,
  visibleChange,
} from '@tessera/runtime-core';

import type { RouteDeps } from '../server';
import { admit } from './admit';
import { cutWhenStalled } from './stall';

export const CHANGES_ROUTE = /^\/api\/v1\/([a-z][a-z0-9_]{1,39})\/changes\/?$/;
const HEARTBEAT_MS = 15_000;

export async function changesRoute(
  deps: RouteDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  project: string,
): Promise<void> {
  if (req.method !== 'GET')
    throw new AppError('METHOD_NOT_ALLOWED', `${req.method} is not supported here`);
  const { caller, key } = await admit(deps, req, res, project);
  // Deliveries read rows: within the subscriber's share of the pool, as its requests are.
  const db = deps.share.for(key);
  const overview = deps.metadata();
  const model = overview.models.get(project);
  if (!model) throw new AppError('NOT_FOUND', `No project '${project}'`);
  const only = url.searchParams.get('entities');
  const entities = only ? new Set(only.split(',').map((e) => e.trim())) : null;
  // A stream nobody may read anything of would still tell, by its event ids, how much is
  // written there: it is refused like a list of an entity the caller may not read.
  const readable = model.document.entities.filter(
    (e) =>
      (!entities || entities.has(e.code)) &&
      entityAccess(overview, caller, project, e.code, 'read') !== null,
  );
  if (readable.length === 0)
    throw new AppError(
      'FORBIDDEN',
      entities
        ? `You may not read ${[...entities].join(', ').slice(0, 200)} in '${project}'`
        : `You may not read any entity of '${project}'`,
    );
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const lastEventId = req.headers['last-event-id'] ?? url.searchParams.get('lastEventId');
  const resumeFrom = lastEventId ? parseEventId(String(lastEventId)) : null;
  // Where a replay after a reconnect would start: the last change sent, or the newest anywhere.
  let lastSeq = resumeFrom?.seq ?? (await newestChange(db));
  const idNow = () => formatEventId({ seq: lastSeq, at: Math.floor(Date.now() / 1000) });
  const send = (event: string, data: unknown) => {
    if (!res.writableEnded)
      res.write(`id: ${idNow()}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const replayed = new Set<number>();
  let closed = false;
  const deliver = async (notice: ChangeNotice) => {
    // A subscriber gone (or cut) costs no more reads.
    if (closed) return;
    try {
      const event = await visibleChange({
        db,
        overview: deps.metadata(),
        caller,
        notice,
      });
      lastSeq = Math.max(lastSeq, notice.s);
      if (event) send(event.op, event);
    } catch (error) {
      deps.logger.warn({ message: String(error) }, 'Change not delivered');
    }
  };
  /** Delivers a change of a wanted entity; any other just moves the last event id on. */
  const take = (notice: ChangeNotice) => {
    if (!entities || entities.has(notice.e)) return deliver(notice);
    lastSeq = Math.max(lastSeq, notice.s);
  };
  // Changes are shown one after another: what was missed first, then in the order announced,
  // and none before the stream's opening lines below.
  let opened!: () => void;
  let queue = new Promise<void>((resolve) => (opened = resolve));
  if (lastEventId)
    queue = queue.then(async () => {
      const replay = resumeFrom
        ? await replayChanges(db, project, resumeFrom)
        : ({ reset: 'unknown event id' } as const);
      if ('reset' in replay) {
        lastSeq = await newestChange(db);
        send('reset', { reason: replay.reset });
        return;
      }
      for (const notice of replay.notices) {
        replayed.add(notice.s);
        await take(notice);
      }
    });
  const onChange = (notice: ChangeNotice) => {
    if (notice.p !== project) return;
    queue = queue.then(() => (replayed.has(notice.s) ? undefined : take(notice)));
  };
  deps.changes.on('change', onChange);
  // Writes announce changes only in projects someone watches: say this one is, then answer
  // (the headers go out with this first line).
  const goodbye = await deps.changes.watch(project);
  res.write('retry: 3000\n: connected\n\n');
  // The id alone moves the subscriber's last event id on, so a quiet stream still resumes
  // from here, not from wherever it started.
  const heartbeat = setInterval(() => res.write(`id: ${idNow()}\n: ping\n\n`), HEARTBEAT_MS);
  res.write(`id: ${idNow()}\n\n`);
  opened();
  // A subscriber that stops reading would have its events pile up here: it is cut, and may
  // reconnect with its last event id.
  cutWhenStalled(res, deps.stallMs, () =>
    deps.logger.warn({ key, project }, 'Change stream cut: its reader stopped reading'),
  );
  req.on('close', () => {
    closed = true;
    clearInterval(heartbeat);
    deps.changes.off('change', onChange);
    goodbye();
  });
}
