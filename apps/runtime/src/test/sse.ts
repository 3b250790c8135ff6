/** Reads a server-sent event stream in tests: events as they arrive, and a way to stop. */
export interface SseEvent {
  event: string;
  data: any;
}

/** Opens a stream; with `lastEventId`, resumes as EventSource does after a reconnect. */
export async function openStream(url: string, token: string, lastEventId?: string) {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: {
      authorization: `Bearer ${token}`,
      ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
    },
    signal: controller.signal,
  });
  const events: SseEvent[] = [];
  // As EventSource keeps it: set by every block with an id, whether or not it is an event.
  let lastId = '';
  const waiters: (() => void)[] = [];
  void (async () => {
    if (!res.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const id = /^id: (.*)$/m.exec(block)?.[1];
          if (id !== undefined) lastId = id;
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) {
            events.push({ event, data: JSON.parse(data) });
            waiters.splice(0).forEach((w) => w());
          }
        }
      }
    } catch {
      // aborted
    }
  })();
  /** Resolves once `count` events have arrived, or rejects after `ms`. */
  const next = (count: number, ms = 10_000) =>
    new Promise<SseEvent[]>((resolve, reject) => {
      const check = () => (events.length >= count ? resolve(events.slice(0, count)) : undefined);
      const timer = setTimeout(
        () => reject(new Error(`only ${events.length} of ${count} events`)),
        ms,
      );
      const wait = () => {
        if (events.length >= count) {
          clearTimeout(timer);
          resolve(events.slice(0, count));
        } else waiters.push(wait);
      };
      check();
      wait();
    });
  return {
    status: res.status,
    events,
    next,
    lastEventId: () => lastId,
    close: () => controller.abort(),
  };
}
