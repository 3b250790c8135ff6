import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';

import { describe, expect, it, vi } from 'vitest';

import { cutWhenStalled } from './stall';

class FakeResponse extends EventEmitter {
  writableNeedDrain = false;
  destroyed = false;
  destroy() {
    this.destroyed = true;
    this.emit('close');
  }
}
const response = () => new FakeResponse();

describe('cutWhenStalled', () => {
  it('cuts a response whose buffers stay full, and not one that drains now and then', () => {
    vi.useFakeTimers();
    try {
      const stalled = response();
      const draining = response();
      const cut = vi.fn();
      cutWhenStalled(stalled as unknown as ServerResponse, 1000, cut);
      cutWhenStalled(draining as unknown as ServerResponse, 1000, () => undefined);
      stalled.writableNeedDrain = true;
      for (let t = 0; t < 20; t++) {
        // The draining reader empties its buffer every other check.
        draining.writableNeedDrain = t % 2 === 0;
        vi.advanceTimersByTime(250);
      }
      expect(stalled.destroyed).toBe(true);
      expect(cut).toHaveBeenCalledTimes(1);
      expect(draining.destroyed).toBe(false);
      draining.emit('close');
    } finally {
      vi.useRealTimers();
    }
  });
});
