import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

const appDir = path.resolve(import.meta.dirname, '..');

function startWith(env: Record<string, string>) {
  return spawnSync(path.join(appDir, 'node_modules/.bin/tsx'), ['src/main.ts'], {
    cwd: appDir,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('runtime start-up', () => {
  it('stops with a message naming each bad variable', () => {
    const result = startWith({ DATABASE_URL: 'mysql://localhost/x', RUNTIME_PORT: 'eighty' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/DATABASE_URL: DATABASE_URL must be a postgres:\/\/ URL/);
    expect(result.stderr).toMatch(/RUNTIME_PORT:/);
  });
});
