import { describe, expect, it, vi } from 'vitest';

import { reportInvalidEnv } from './invalid-env';

describe('reportInvalidEnv', () => {
  it('names every bad variable', () => {
    const print = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() =>
      reportInvalidEnv([
        { message: 'Expected number', path: ['WEB_PORT'] },
        { message: 'Invalid url', path: [{ key: 'DATABASE_URL' }] },
      ]),
    ).toThrow('Invalid environment variables: WEB_PORT, DATABASE_URL');
    expect(print.mock.calls[0]?.[0]).toContain('WEB_PORT: Expected number');
    print.mockRestore();
  });
});
