/** Auto-layout on a worker: positions for every node, by ELK's layered algorithm. */
import type { LayoutInput, Positions } from './elk-graph';

let worker: Worker | null = null;
let counter = 0;
const waiting = new Map<number, { resolve: (p: Positions) => void; reject: (e: Error) => void }>();

function layoutWorker() {
  if (!worker) {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (
      event: MessageEvent<{ id: number; positions?: Positions; error?: string }>,
    ) => {
      const job = waiting.get(event.data.id);
      waiting.delete(event.data.id);
      if (event.data.positions) job?.resolve(event.data.positions);
      else job?.reject(new Error(event.data.error ?? 'Layout failed'));
    };
  }
  return worker;
}

export function autoLayout(input: LayoutInput): Promise<Positions> {
  const id = ++counter;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    layoutWorker().postMessage({ id, input });
  });
}
