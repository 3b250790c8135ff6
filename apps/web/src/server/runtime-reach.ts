/**
 * How the console's own server reaches the runtime. Pages name the runtime as browsers reach
 * it (`RUNTIME_URL`); inside a deployment the server may reach it at another address
 * (`RUNTIME_INTERNAL_URL`, e.g. `http://runtime:3200` in compose). And when the runtime
 * cannot be reached from here, page renders should not wait on it each time: after a failure
 * the server stops trying for a while.
 */

/** `url` (under `publicBase`) at `internalBase` instead; as it is when either is unset. */
export function internalUrl(url: string, publicBase?: string, internalBase?: string): string {
  if (!publicBase || !internalBase) return url;
  const from = publicBase.replace(/\/+$/, '');
  if (url !== from && !url.startsWith(`${from}/`)) return url;
  return `${internalBase.replace(/\/+$/, '')}${url.slice(from.length)}`;
}

/** Whether to try the runtime now: not within `pauseMs` of the last failure. */
export class RuntimeReach {
  #pausedUntil = 0;

  constructor(
    private readonly pauseMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get open(): boolean {
    return this.now() >= this.#pausedUntil;
  }

  failed(): void {
    this.#pausedUntil = this.now() + this.pauseMs;
  }

  succeeded(): void {
    this.#pausedUntil = 0;
  }
}
