/**
 * The change stream (`GET /api/v1/{project}/changes`, server-sent events) as an async iterator
 * that resumes: after a dropped connection it reconnects with the last event id, so the server
 * replays what was missed. It ends when the signal aborts.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface ChangeEvent<Entity extends string = string, Row = unknown> {
  /** The event id: give it back as `lastEventId` to resume from here later. */
  id: string;
  op: 'create' | 'update' | 'delete';
  entity: Entity;
  ids: string[];
  /** Created or updated rows, as the caller may read them now. */
  rows?: Row[];
}

export interface ChangesOptions<Entity extends string> {
  entities?: readonly Entity[];
  /** Resume after this event (one this stream gave before). */
  lastEventId?: string;
  signal?: AbortSignal;
  /** Wait before reconnecting after a drop, in ms (doubles up to 30 s). */
  retryMs?: number;
  /**
   * Called when a connection is open and the server has started the stream (its first bytes):
   * changes made from then on will be delivered, on this connection or after a resume.
   */
  onOpen?: () => void;
}

const OPS = new Set(['create', 'update', 'delete']);

export async function* changeStream<Entity extends string, Row>(
  open: (lastEventId: string | null, signal: AbortSignal) => Promise<Response>,
  options: ChangesOptions<Entity>,
  /** What a refused answer (4xx) is thrown as. */
  refusal: (res: Response) => Promise<Error>,
): AsyncGenerator<ChangeEvent<Entity, Row>> {
  let lastEventId = options.lastEventId ?? null;
  let wait = options.retryMs ?? 500;
  const outer = options.signal;
  while (!outer?.aborted) {
    const controller = new AbortController();
    const stop = () => controller.abort();
    outer?.addEventListener('abort', stop, { once: true });
    try {
      // A connection that fails, or an answer other than the stream, is retried; a refusal
      // (4xx) will not change by retrying: the caller hears it.
      const res = await open(lastEventId, controller.signal).catch(() => null);
      if (res && res.status >= 400 && res.status < 500) throw await refusal(res);
      if (res?.ok && res.body) {
        const queue: EventSourceMessage[] = [];
        const parser = createParser({ onEvent: (message) => queue.push(message) });
        const decoder = new TextDecoder();
        let opened = false;
        try {
          for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
            parser.feed(decoder.decode(chunk, { stream: true }));
            if (!opened) {
              opened = true;
              options.onOpen?.();
            }
            wait = options.retryMs ?? 500;
            while (queue.length) {
              const message = queue.shift()!;
              if (message.id) lastEventId = message.id;
              if (!message.event || !OPS.has(message.event)) continue;
              const data = JSON.parse(message.data) as Omit<ChangeEvent<Entity, Row>, 'id' | 'op'>;
              yield {
                ...data,
                id: message.id ?? lastEventId ?? '',
                op: message.event as ChangeEvent['op'],
              };
            }
          }
        } catch {
          // The connection dropped (or was aborted): resume below, unless stopped.
        }
      }
    } finally {
      outer?.removeEventListener('abort', stop);
      controller.abort();
    }
    if (outer?.aborted) return;
    await new Promise((resolve) => setTimeout(resolve, wait));
    wait = Math.min(wait * 2, 30_000);
  }
}
