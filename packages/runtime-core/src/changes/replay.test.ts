import { describe, expect, it } from 'vitest';

import { formatEventId, parseEventId, REPLAY_WITHIN_MS, replayChanges } from './replay';

describe('event ids', () => {
  it('name the change and the time, and read back', () => {
    expect(formatEventId({ seq: 42, at: 1_795_000_000 })).toBe('42.1795000000');
    expect(parseEventId('42.1795000000')).toEqual({ seq: 42, at: 1_795_000_000 });
  });

  it('refuse anything else', () => {
    for (const text of ['', '42', '42.', '.5', '-1.5', '1.5.6', '1e3.5', 'x', null, undefined])
      expect(parseEventId(text)).toBeNull();
  });
});

describe('replayChanges', () => {
  it('asks the database nothing for a subscriber away too long', async () => {
    const db = {
      query: () => {
        throw new Error('no query expected');
      },
    };
    const at = Math.floor((Date.now() - REPLAY_WITHIN_MS - 1000) / 1000);
    expect(await replayChanges(db, 'shop', { seq: 5, at })).toEqual({ reset: 'away too long' });
  });
});
