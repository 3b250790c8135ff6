/**
 * Whether each ejected service answers, so a request for an ejected entity is not sent to a
 * dead one and left to hang: each service in use is checked (`GET /health`) every interval,
 * a failed forward marks it down at once, and while it is down requests get 503 with
 * `Retry-After` straight away. The runtime's `/health` reports every service's state.
 */
export type ServiceState = 'unknown' | 'up' | 'down';

interface Entry {
  state: ServiceState;
  checkedAt: Date | null;
  error: string | null;
  timer: NodeJS.Timeout;
}

export interface ServiceHealthOptions {
  intervalMs?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export class ServiceHealth {
  readonly #services = new Map<string, Entry>();
  readonly #intervalMs: number;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: ServiceHealthOptions = {}) {
    this.#intervalMs = options.intervalMs ?? 2_000;
    this.#timeoutMs = options.timeoutMs ?? 1_000;
    this.#fetch = options.fetch ?? fetch;
  }

  /** Starts watching `url` (when not yet watched); returns its state now. */
  watch(url: string): ServiceState {
    let entry = this.#services.get(url);
    if (!entry) {
      const timer = setInterval(() => void this.check(url), this.#intervalMs);
      timer.unref();
      entry = { state: 'unknown', checkedAt: null, error: null, timer };
      this.#services.set(url, entry);
      void this.check(url);
    }
    return entry.state;
  }

  /** Asks the service's `/health` now. */
  async check(url: string): Promise<ServiceState> {
    const entry = this.#services.get(url);
    if (!entry) return 'unknown';
    try {
      const res = await this.#fetch(`${url.replace(/\/$/, '')}/health`, {
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      await res.body?.cancel();
      // A degraded service still serves; one that cannot (5xx, 503 while its database is out) is down.
      const up = res.status < 500;
      this.#set(url, up ? 'up' : 'down', up ? null : `its health answered ${res.status}`);
    } catch (error) {
      this.#set(url, 'down', (error as Error).message);
    }
    return this.#services.get(url)?.state ?? 'unknown';
  }

  /** A forward could not reach the service: down until a check says otherwise. */
  markDown(url: string, error: string) {
    if (this.#services.has(url)) this.#set(url, 'down', error);
  }

  /** Every watched service's state, for the runtime's `/health`. */
  report(): Record<
    string,
    { state: ServiceState; checkedAt: string | null; error: string | null }
  > {
    return Object.fromEntries(
      [...this.#services].map(([url, e]) => [
        url,
        { state: e.state, checkedAt: e.checkedAt?.toISOString() ?? null, error: e.error },
      ]),
    );
  }

  close() {
    for (const entry of this.#services.values()) clearInterval(entry.timer);
    this.#services.clear();
  }

  #set(url: string, state: ServiceState, error: string | null) {
    const entry = this.#services.get(url);
    if (!entry) return;
    entry.state = state;
    entry.error = error;
    entry.checkedAt = new Date();
  }
}
