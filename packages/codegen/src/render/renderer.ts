/**
 * Renders templates in a sandbox: a worker thread with a small heap and stack, stopped when a
 * render takes too long. A worker that dies fails only the jobs it held, and the next render
 * starts a new one.
 */
import { Worker } from 'node:worker_threads';

import { AppError } from '@tessera/errors';

import type { RenderAnswer, RenderJob } from './render.worker';

export interface RenderLimits {
  timeoutMs: number;
  heapMb: number;
}

export const DEFAULT_LIMITS: RenderLimits = { timeoutMs: 20_000, heapMb: 256 };

/** The worker runs TypeScript: a process started by tsx passes its loader on; others get tsx's. */
function workerExecArgv(): string[] {
  if (process.execArgv.some((arg) => arg.includes('tsx'))) return process.execArgv;
  return [...process.execArgv, '--import', import.meta.resolve('tsx')];
}

interface Pending {
  resolve: (outputs: string[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class TemplateRenderer {
  #worker: Worker | null = null;
  /** Jobs of the current worker only: a replaced worker's exit must not fail its successor's. */
  #pending = new Map<number, Pending>();
  #next = 0;

  constructor(private readonly limits: RenderLimits = DEFAULT_LIMITS) {}

  render(specs: Record<string, string>, items: RenderJob['items']): Promise<string[]> {
    const worker = this.#start();
    const pending = this.#pending;
    const id = ++this.#next;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#stop(
          worker,
          pending,
          new AppError(
            'VALIDATION',
            `Rendering the templates took longer than ${this.limits.timeoutMs / 1000} s`,
          ),
        );
      }, this.limits.timeoutMs);
      pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, specs, items } satisfies RenderJob);
    });
  }

  async close() {
    const worker = this.#worker;
    this.#worker = null;
    await worker?.terminate();
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL('./render.worker.ts', import.meta.url), {
      execArgv: workerExecArgv(),
      resourceLimits: {
        maxOldGenerationSizeMb: this.limits.heapMb,
        maxYoungGenerationSizeMb: 16,
        stackSizeMb: 4,
      },
    });
    const pending = (this.#pending = new Map<number, Pending>());
    worker.on('message', (answer: RenderAnswer) => {
      const job = pending.get(answer.id);
      if (!job) return;
      pending.delete(answer.id);
      clearTimeout(job.timer);
      if ('outputs' in answer) job.resolve(answer.outputs);
      else
        job.reject(
          new AppError(
            'VALIDATION',
            `Template ${answer.error.template}${answer.error.line ? `, line ${answer.error.line}` : ''}: ${answer.error.message}`,
            {
              details: {
                template: answer.error.template,
                ...(answer.error.line ? { line: answer.error.line } : {}),
              },
            },
          ),
        );
    });
    worker.on('error', (error: Error) =>
      this.#stop(
        worker,
        pending,
        new AppError('VALIDATION', `Rendering failed: ${error.message}`, { cause: error }),
      ),
    );
    worker.on('exit', () =>
      this.#stop(worker, pending, new AppError('VALIDATION', 'The template renderer stopped')),
    );
    worker.unref();
    this.#worker = worker;
    return worker;
  }

  #stop(worker: Worker, pending: Map<number, Pending>, error: Error) {
    for (const job of pending.values()) {
      clearTimeout(job.timer);
      job.reject(error);
    }
    pending.clear();
    if (this.#worker === worker) this.#worker = null;
    void worker.terminate();
  }
}
