import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { AMIS_VERSION, copySdk } from './sdk';

describe('copySdk', () => {
  it('puts the whole SDK where the console serves it, replacing what was there', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'amis-sdk-'));
    const target = path.join(dir, 'amis-sdk');
    try {
      await copySdk(target);
      await writeFile(path.join(target, 'stale.js'), '');
      await copySdk(target);
      const files = await readdir(target);
      expect(files).toEqual(
        expect.arrayContaining(['sdk.js', 'sdk.css', 'helper.css', 'iconfont.css']),
      );
      expect(files).not.toContain('stale.js');
      expect((await stat(path.join(target, 'sdk.js'))).size).toBeGreaterThan(1_000_000);
      expect(AMIS_VERSION).toBe('6.13.0');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
