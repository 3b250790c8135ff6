import { describe, expect, it } from 'vitest';

import { AMIS_VERSION, sdkFile } from './sdk';

describe('sdkFile', () => {
  it('serves the SDK and its styles', async () => {
    const sdk = await sdkFile(['sdk.js']);
    expect(sdk?.contentType).toContain('javascript');
    expect(sdk!.body.length).toBeGreaterThan(1_000_000);
    expect((await sdkFile(['sdk.css']))?.contentType).toContain('css');
    expect(AMIS_VERSION).toBe('6.13.0');
  });

  it('serves nothing outside the SDK, and nothing it does not know the type of', async () => {
    expect(await sdkFile(['..', 'package.json'])).toBeNull();
    expect(await sdkFile(['..', '..', '..', 'etc', 'passwd'])).toBeNull();
    expect(await sdkFile(['/etc/passwd'])).toBeNull();
    expect(await sdkFile(['nope.js'])).toBeNull();
    expect(await sdkFile(['sdk.js\0.css'])).toBeNull();
  });
});
