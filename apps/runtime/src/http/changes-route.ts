/**
 * GET /api/v1/{project}/changes: a server-sent event stream of the rows created, updated and
 * deleted in the project, each shown as the subscriber may read it (its entities, row filters
 * and fields, as they are when the change happens). `entities=a,b` narrows the stream.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { type ChangeNotice, visibleChange } from '@tessera/runtime-core';

import type { RuntimeDeps } from '../server';
import { admit } from './admit';
import { refuse } from './io';

export const CHANGES_ROUTE = /^\/api\/v1\/([a-z][a-z0-9_]{1,39})\/changes\/?$/;
const HEARTBEAT_MS = 15_000;

export async function changesRoute(
  deps: RuntimeDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  project: string,
): Promise<void> {
  if (req.method !== 'GET') return refuse(res, 405, `${req.method} is not supported here`);
  const admitted = await admit(deps, req, res, project);
  if (!admitted) return;
  if (!deps.metadata().models.has(project)) return refuse(res, 404, `No project '${project}'`);
  const only = url.searchParams.get('entities');
  const entities = only ? new Set(only.split(',').map((e) => e.trim())) : null;
  const { caller } = admitted;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let sequence = 0;
  // Changes are shown one after another, in the order they were announced.
  let queue = Promise.resolve();
  const onChange = (notice: ChangeNotice) => {
    if (notice.p !== project || (entities && !entities.has(notice.e))) return;
    queue = queue.then(async () => {
      try {
        const event = await visibleChange({
          db: deps.pool,
          overview: deps.metadata(),
          caller,
          notice,
        });
        if (event && !res.writableEnded)
          res.write(`id: ${++sequence}\nevent: ${event.op}\ndata: ${JSON.stringify(event)}\n\n`);
      } catch (error) {
        deps.logger.warn({ message: String(error) }, 'Change not delivered');
      }
    });
  };
  deps.changes.on('change', onChange);
  // Writes announce changes only in projects someone watches: say this one is, then answer
  // (the headers go out with this first line).
  const goodbye = await deps.changes.watch(project);
  res.write('retry: 3000\n: connected\n\n');
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  req.on('close', () => {
    clearInterval(heartbeat);
    deps.changes.off('change', onChange);
    goodbye();
  });
}
