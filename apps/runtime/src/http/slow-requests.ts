/** The most recent requests slower than a threshold, with their request ids, for monitoring. */
import type { SlowRequest } from '@tessera/runtime-core/monitoring';

/** A request as it finished; the list adds when. */
export type RequestRecord = Omit<SlowRequest, 'at'>;

export class SlowRequests {
  #items: SlowRequest[] = [];

  constructor(
    readonly thresholdMs = 500,
    readonly keep = 50,
  ) {}

  record(entry: RequestRecord) {
    if (entry.durationMs < this.thresholdMs || entry.url.startsWith('/api/v1/') === false) return;
    if (/\/changes\/?(\?|$)/.test(entry.url)) return;
    this.#items.unshift({ ...entry, at: new Date().toISOString() });
    this.#items.length = Math.min(this.#items.length, this.keep);
  }

  /** Newest first. */
  list() {
    return [...this.#items];
  }
}
