import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

const appDir = path.resolve(import.meta.dirname, '..');

describe('console start-up', () => {
  it('stops with a message naming each bad variable', () => {
    const result = spawnSync(path.join(appDir, 'node_modules/.bin/tsx'), ['server.ts'], {
      cwd: appDir,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        DATABASE_URL: 'not a url',
        WEB_PORT: '70000',
        TESSERA_ADMIN_EMAIL: 'nobody',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('DATABASE_URL:');
    expect(result.stderr).toContain('WEB_PORT:');
    expect(result.stderr).toContain(
      'TESSERA_ADMIN_EMAIL: TESSERA_ADMIN_EMAIL must be an email address',
    );
  });
});
