/**
 * What browsers import of `@tessera/pages` (the designer's preview, the console's data pages)
 * reaches nothing only Node has.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { NODE_ONLY, reachableSources } from '@tessera/meta/testing';
import { describe, expect, it } from 'vitest';

describe('@tessera/pages in a browser', () => {
  it.each(['browser.ts', 'embed.ts'])('%s reaches no Node built-in and no Node global', (entry) => {
    const files = [...reachableSources(path.join(import.meta.dirname, entry))];
    expect(files.length).toBeGreaterThan(1);
    for (const file of files)
      expect(readFileSync(file, 'utf8'), path.basename(file)).not.toMatch(NODE_ONLY);
  });
});
