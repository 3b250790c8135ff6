/**
 * The change feed: the notifications of every write, received on the runtime's LISTEN
 * connection, and for each subscriber the changed rows as that subscriber may read them.
 */
import { EventEmitter } from 'node:events';

import type { Caller } from '../access/policy';
import { entityAccess } from '../access/policy';
import { readRows } from '../http/read';
import type { DataRequest } from '../http/target';
import type { Listener } from '../metadata/listener';
import type { SchemaOverview } from '../metadata/overview';
import { CHANGES_CHANNEL, type ChangeNotice } from './notify';

export class ChangeFeed extends EventEmitter<{ change: [ChangeNotice] }> {
  constructor(private readonly listener: Listener) {
    super();
    this.setMaxListeners(0);
    listener.on('notification', (channel, payload) => {
      if (channel !== CHANGES_CHANNEL) return;
      try {
        this.emit('change', JSON.parse(payload) as ChangeNotice);
      } catch {
        // Not one of ours: ignore.
      }
    });
  }

  /** Starts listening on the shared connection. */
  start(): Promise<void> {
    return this.listener.listen(CHANGES_CHANNEL);
  }
}

export interface ChangeEvent {
  entity: string;
  op: ChangeNotice['op'];
  ids: string[];
  /** Created or updated rows, as the subscriber may read them. */
  rows?: unknown[];
}

/**
 * What one subscriber may see of a change: nothing when it may not read the entity; the ids
 * of deleted rows; otherwise the changed rows its row filter shows, with its readable fields.
 */
export async function visibleChange(options: {
  db: DataRequest['db'];
  overview: SchemaOverview;
  caller: Caller;
  notice: ChangeNotice;
}): Promise<ChangeEvent | null> {
  const { notice } = options;
  if (!entityAccess(options.overview, options.caller, notice.p, notice.e, 'read')) return null;
  if (notice.op === 'delete') return { entity: notice.e, op: 'delete', ids: notice.ids };
  const query = new URLSearchParams({
    filter: JSON.stringify({ id: { _in: notice.ids } }),
    perPage: '200',
    count: 'none',
  });
  const result = await readRows({ ...options, project: notice.p, entity: notice.e, query });
  if (result.status !== 200 || !result.data) return null;
  const rows = (JSON.parse(result.data) as { items: { id: string }[] }).items;
  if (rows.length === 0) return null;
  return { entity: notice.e, op: notice.op, ids: rows.map((r) => r.id), rows };
}
