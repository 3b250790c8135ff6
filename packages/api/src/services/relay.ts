/**
 * Events of work that goes on whether or not anyone listens: `start` runs to its end even when
 * the subscriber leaves (a generation is saved either way); the generator yields what it
 * emitted, in order, then rethrows its failure.
 */
export async function* relay<T>(
  start: (emit: (event: T) => void) => Promise<void>,
): AsyncGenerator<T> {
  const events: T[] = [];
  let wake: (() => void) | null = null;
  let finished = false;
  let failure: Error | null = null;
  const work = start((event) => {
    events.push(event);
    wake?.();
  })
    .catch((error: unknown) => {
      failure = error instanceof Error ? error : new Error(String(error));
    })
    .finally(() => {
      finished = true;
      wake?.();
    });
  while (true) {
    while (events.length) yield events.shift()!;
    if (finished) break;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
  }
  await work;
  if (failure !== null) throw failure as Error;
}
