/**
 * Cuts a streamed response whose reader stopped reading: once its buffers have been full for
 * `ms` (the reader drains nothing), the response is destroyed, so what feeds it (an export's
 * database cursor, a change stream's queue) lets go of its connection and memory.
 */
import type { ServerResponse } from 'node:http';

/** How long a reader may leave a streamed answer unread, unless configured (RUNTIME_STALL_MS). */
export const DEFAULT_STALL_MS = 10_000;

export function cutWhenStalled(res: ServerResponse, ms: number, onCut: () => void): void {
  const step = Math.max(50, Math.min(1000, Math.floor(ms / 4)));
  let stalled = 0;
  const timer = setInterval(() => {
    stalled = res.writableNeedDrain ? stalled + step : 0;
    if (stalled < ms) return;
    clearInterval(timer);
    onCut();
    res.destroy();
  }, step);
  timer.unref();
  res.on('close', () => clearInterval(timer));
}
