/** The most recent requests slower than a threshold, with their request ids, for monitoring. */
export interface RequestRecord {
  requestId: string;
  method: string;
  url: string;
  status: number;
  durationMs: number;
}

export class SlowRequests {
  #items: (RequestRecord & { at: string })[] = [];

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
