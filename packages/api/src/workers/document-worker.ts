/**
 * Reading a model document (YAML parsing and validation of up to 5 MiB take seconds), and
 * validating a big stored one, on a worker thread, so a big import never stalls the requests the
 * server answers meanwhile. One
 * worker, started when first needed, jobs in turn; a worker that dies or exceeds its time is
 * replaced, failing only the jobs it held.
 */
import { Worker } from 'node:worker_threads';

import { AppError } from '@tessera/errors';
import {
  type ParseResult,
  parseDocument,
  validateDocument,
  withJunctionEntities,
} from '@tessera/meta';

export type DocumentJob = { id: number; text: string } | { id: number; value: unknown };
export type DocumentAnswer = { id: number; result: ParseResult } | { id: number; error: string };

/** What reads documents for the API: a worker in the console, the thread itself elsewhere. */
export interface DocumentReader {
  /** The document parsed and validated, with its junction entities. */
  parse(text: string): Promise<ParseResult>;
  /** A stored document validated (leniently about old patterns, see validateDocument). */
  validate(value: unknown): Promise<ParseResult>;
}

/** Reads documents on the calling thread (for scripts and tests that need no worker). */
export const IN_THREAD: DocumentReader = {
  parse: async (text) => {
    const parsed = parseDocument(text);
    return parsed.ok ? { ok: true, document: withJunctionEntities(parsed.document) } : parsed;
  },
  validate: async (value) => validateDocument(value, { stored: true }),
};

/**
 * The worker runs this package's TypeScript source: a process started by tsx (the console's
 * server) passes its loader on with its own options; any other (a test runner) gets tsx's.
 */
function workerExecArgv(): string[] {
  if (process.execArgv.some((arg) => arg.includes('tsx'))) return process.execArgv;
  return [...process.execArgv, '--import', import.meta.resolve('tsx')];
}

export class DocumentWorker implements DocumentReader {
  #worker: Worker | null = null;
  #pending = new Map<
    number,
    { resolve: (r: ParseResult) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();
  #next = 0;

  constructor(private readonly timeoutMs = 60_000) {}

  parse(text: string): Promise<ParseResult> {
    return this.#run({ text });
  }

  validate(value: unknown): Promise<ParseResult> {
    return this.#run({ value });
  }

  #run(job: { text: string } | { value: unknown }): Promise<ParseResult> {
    const worker = this.#start();
    const id = ++this.#next;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // A job that runs this long holds the worker: it is replaced, and this job fails.
        this.#fail(
          worker,
          new AppError('SERVICE_UNAVAILABLE', 'Reading the document took too long'),
        );
      }, this.timeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, ...job } satisfies DocumentJob);
    });
  }

  /** Stops the worker; jobs still pending fail. */
  async stop(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    this.#fail(worker, new AppError('SERVICE_UNAVAILABLE', 'The document reader stopped'));
    await worker.terminate();
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL('./document.worker.ts', import.meta.url), {
      execArgv: workerExecArgv(),
    });
    worker.unref();
    worker.on('message', (answer: DocumentAnswer) => {
      const job = this.#pending.get(answer.id);
      if (!job) return;
      this.#pending.delete(answer.id);
      clearTimeout(job.timer);
      if ('error' in answer) job.reject(new Error(`The document reader failed: ${answer.error}`));
      else job.resolve(answer.result);
    });
    worker.on('error', (error: Error) => this.#fail(worker, error));
    worker.on('exit', () => this.#fail(worker, new Error('The document reader exited')));
    return (this.#worker = worker);
  }

  /** Fails every job of `worker` and forgets it, so the next job starts a new one. */
  #fail(worker: Worker, error: Error) {
    if (this.#worker !== worker) return;
    this.#worker = null;
    for (const job of this.#pending.values()) {
      clearTimeout(job.timer);
      job.reject(error);
    }
    this.#pending.clear();
    void worker.terminate();
  }
}
