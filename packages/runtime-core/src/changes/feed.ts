/**
 * The change feed: the notifications of every write, received on the runtime's LISTEN
 * connection, and for each subscriber the changed rows as that subscriber may read them.
 */
import { EventEmitter } from 'node:events';

import { AppError } from '@tessera/errors';
import { quoteIdent } from '@tessera/meta';

import type { Caller } from '../access/policy';
import { entityAccess } from '../access/policy';
import { readRows } from '../http/read';
import { compileFilter, isAccessRuleError } from '../query/filter';
import { type DataRequest, plansFor } from '../http/target';
import type { Listener } from '../metadata/listener';
import type { SchemaOverview } from '../metadata/overview';
import { CHANGES_CHANNEL, type ChangeNotice } from './notify';

/**
 * Runtimes tell each other which projects someone is watching (`tessera_watch`): writes
 * announce their changes only for those, so a project nobody streams pays nothing for the
 * stream. A runtime with subscribers repeats its claim every WATCH_REPEAT_MS, and goes on for
 * WATCH_KEEP_MS after its last subscriber of a project leaves, so changes are still kept for a
 * subscriber that reconnects; a claim lapses after WATCH_TTL_MS; a runtime that starts asks who
 * is watching.
 */
export const WATCH_CHANNEL = 'tessera_watch';
export const WATCH_REPEAT_MS = 20_000;
export const WATCH_TTL_MS = 60_000;
export const WATCH_KEEP_MS = 5 * 60_000;

type WatchMessage = { type: 'watch'; p: string } | { type: 'ask' };

export class ChangeFeed extends EventEmitter<{ change: [ChangeNotice] }> {
  /** Projects someone watches, anywhere, until when. */
  #watched = new Map<string, number>();
  /** Subscribers of this process, by project. */
  #local = new Map<string, number>();
  /** When the last subscriber of this process left, by project, while the claim is kept. */
  #left = new Map<string, number>();
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly listener: Listener,
    private readonly notify?: (channel: string, payload: string) => Promise<unknown>,
  ) {
    super();
    this.setMaxListeners(0);
    listener.on('notification', (channel, payload) => {
      try {
        if (channel === CHANGES_CHANNEL) this.emit('change', JSON.parse(payload) as ChangeNotice);
        if (channel === WATCH_CHANNEL) this.#onWatch(JSON.parse(payload) as WatchMessage);
      } catch {
        // Not one of ours: ignore.
      }
    });
  }

  /** Starts listening on the shared connection, and asks who is watching what. */
  async start(): Promise<void> {
    await this.listener.listen(CHANGES_CHANNEL);
    await this.listener.listen(WATCH_CHANNEL);
    await this.#send({ type: 'ask' });
    this.#timer = setInterval(() => {
      for (const p of this.#claimed()) void this.#send({ type: 'watch', p });
    }, WATCH_REPEAT_MS);
    this.#timer.unref();
  }

  stop() {
    if (this.#timer) clearInterval(this.#timer);
  }

  /** Whether writes in `project` should announce their changes. */
  isWatched(project: string): boolean {
    return (this.#watched.get(project) ?? 0) > Date.now();
  }

  /** A subscriber of this process starts watching `project`; returns its goodbye. */
  async watch(project: string): Promise<() => void> {
    const count = (this.#local.get(project) ?? 0) + 1;
    this.#local.set(project, count);
    this.#left.delete(project);
    this.#watched.set(project, Date.now() + WATCH_TTL_MS);
    if (count === 1) await this.#send({ type: 'watch', p: project });
    return () => {
      const left = (this.#local.get(project) ?? 1) - 1;
      if (left > 0) this.#local.set(project, left);
      else {
        this.#local.delete(project);
        this.#left.set(project, Date.now());
      }
    };
  }

  /** The projects this process claims: those it streams, and those it streamed lately. */
  #claimed(): string[] {
    const now = Date.now();
    for (const [p, at] of this.#left) if (now - at > WATCH_KEEP_MS) this.#left.delete(p);
    return [...this.#local.keys(), ...this.#left.keys()];
  }

  #onWatch(message: WatchMessage) {
    if (message.type === 'watch') this.#watched.set(message.p, Date.now() + WATCH_TTL_MS);
    else for (const p of this.#claimed()) void this.#send({ type: 'watch', p });
  }

  async #send(message: WatchMessage) {
    await this.notify?.(WATCH_CHANNEL, JSON.stringify(message)).catch(() => undefined);
  }
}

export interface ChangeEvent {
  entity: string;
  op: ChangeNotice['op'];
  /**
   * The changed rows the subscriber may see. A created or updated row deleted before the event
   * was delivered is listed here without a row (its delete event follows).
   */
  ids: string[];
  /** Created or updated rows still there, as the subscriber may read them now. */
  rows?: unknown[];
}

/**
 * What one subscriber may see of a change: nothing when it may not read the entity; the ids
 * of deleted rows its row filter shows (see deletedInSight); otherwise the changed rows its
 * row filter shows, with its readable fields.
 * Rows are read when the change is delivered, so a later write may already show in them, and
 * a row deleted in between is announced by its id alone rather than left out.
 */
export async function visibleChange(options: {
  db: DataRequest['db'];
  overview: SchemaOverview;
  caller: Caller;
  notice: ChangeNotice;
}): Promise<ChangeEvent | null> {
  const { notice } = options;
  const access = entityAccess(options.overview, options.caller, notice.p, notice.e, 'read');
  if (!access) return null;
  if (notice.op === 'delete') {
    const ids = await deletedInSight(options, notice, access.rowFilter);
    return ids.length ? { entity: notice.e, op: 'delete', ids } : null;
  }
  const query = new URLSearchParams({
    filter: JSON.stringify({ id: { _in: notice.ids } }),
    perPage: '200',
    count: 'none',
  });
  // A read the subscriber may no longer make (its rule no longer compiles) shows nothing.
  const result = await readRows({ ...options, project: notice.p, entity: notice.e, query }).catch(
    (error: unknown) => {
      if (error instanceof AppError) return null;
      throw error;
    },
  );
  if (!result?.data) return null;
  const rows = (JSON.parse(result.data) as { items: { id: string }[] }).items;
  const seen = new Set(rows.map((r) => r.id));
  const gone = await goneIds(options, notice, seen, access.rowFilter);
  if (rows.length === 0 && gone.length === 0) return null;
  return { entity: notice.e, op: notice.op, ids: [...seen, ...gone], rows };
}

/**
 * Of the deleted rows, those the subscriber's row filter shows. A softly deleted row is still
 * there to check. A row deleted for good is checked as it was: its delete kept it with the
 * change (the delete of this notice, or for a created or updated row gone before delivery, the
 * later delete that took it); a row no kept delete shows is not shown.
 */
async function deletedInSight(
  options: { db: DataRequest['db']; overview: SchemaOverview },
  notice: ChangeNotice,
  rowFilter: unknown,
): Promise<string[]> {
  const doc = options.overview.models.get(notice.p)?.document;
  const entity = doc?.entities.find((e) => e.code === notice.e);
  if (rowFilter === null || rowFilter === undefined || !doc || !entity) return notice.ids;
  const table = `${quoteIdent(notice.p)}.${quoteIdent(notice.e)}`;
  try {
    if (entity.softDelete) {
      const rule = compileFilter({ doc, entity, alias: 'e', filter: null, offset: 1, rowFilter });
      const { rows } = await options.db.query<{ id: string }>(
        `SELECT e."id"::text AS id FROM ${table} AS e WHERE e."id" = ANY ($1::uuid[]) AND ${rule.sql ?? 'TRUE'}`,
        [notice.ids, ...rule.params],
      );
      return rows.map((r) => r.id);
    }
    const rule = compileFilter({ doc, entity, alias: 'e', filter: null, offset: 4, rowFilter });
    const { rows } = await options.db.query<{ id: string }>(
      `SELECT DISTINCT e."id"::text AS id
         FROM data_changes c CROSS JOIN LATERAL jsonb_populate_recordset(NULL::${table}, c.rows) AS e
        WHERE c.project = $1 AND c.seq >= $2 AND c.op = 'delete' AND c.entity = $3
          AND e."id" = ANY ($4::uuid[]) AND ${rule.sql ?? 'TRUE'}`,
      [notice.p, notice.s, notice.e, notice.ids, ...rule.params],
    );
    return rows.map((r) => r.id);
  } catch (error) {
    // A rule that no longer compiles shows nothing, as it does for reads.
    if (isAccessRuleError(error)) return [];
    throw error;
  }
}

/**
 * Of the changed rows not seen, those deleted since, as a delete of them would be shown; the
 * others stay out of sight.
 */
async function goneIds(
  options: { db: DataRequest['db']; overview: SchemaOverview },
  notice: ChangeNotice,
  seen: Set<string>,
  rowFilter: unknown,
): Promise<string[]> {
  const unseen = notice.ids.filter((id) => !seen.has(id));
  const model = options.overview.models.get(notice.p);
  const plan = model && plansFor(model).get(notice.e);
  if (unseen.length === 0 || !plan) return [];
  const live = await options.db.query<{ id: string }>(plan.liveIdsSql, [unseen]);
  const there = new Set(live.rows.map((r) => r.id));
  const gone = unseen.filter((id) => !there.has(id));
  return gone.length ? deletedInSight(options, { ...notice, ids: gone }, rowFilter) : [];
}
